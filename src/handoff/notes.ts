/**
 * Notes left with `harness-hooks note "..."` (assumptions, open questions). Stored redacted in
 * `<dir>/notes.jsonl` until the next commit's handoff takes them (post-commit moves them into
 * `<dir>/handoff/<short-sha>.notes.jsonl`).
 */
import { readFileSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendLine, ensureHarnessDir } from './ledger.js';
import { redact } from './redact.js';
import type { AgentInfo } from '../engine/types.js';

export interface Note {
  v: 1;
  time: string;
  text: string;
  agent?: string;
}

export const NOTES_FILE = 'notes.jsonl';
export const MAX_NOTE_CHARS = 4000;

export function addNote(dir: string, text: string, agent?: AgentInfo): Note {
  ensureHarnessDir(dir);
  const note: Note = { v: 1, time: new Date().toISOString(), text: redact(text.trim()).slice(0, MAX_NOTE_CHARS) };
  if (agent?.isAgent) note.agent = agent.name ?? 'agent';
  appendLine(join(dir, NOTES_FILE), JSON.stringify(note));
  return note;
}

export function readNotes(file: string): Note[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: Note[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const n = JSON.parse(line) as Note;
      if (n && typeof n.text === 'string') out.push({ ...n, text: redact(n.text) });
    } catch {
      /* torn line */
    }
  }
  return out;
}

export function pendingNotes(dir: string): Note[] {
  return readNotes(join(dir, NOTES_FILE));
}

/** Move the pending notes to the commit's archive (atomic rename); returns them. */
export function takeNotes(dir: string, shortSha: string): Note[] {
  const src = join(dir, NOTES_FILE);
  const dest = join(dir, 'handoff', `${shortSha}.notes.jsonl`);
  mkdirSync(join(dir, 'handoff'), { recursive: true });
  try {
    renameSync(src, dest);
  } catch {
    return readNotes(dest); // nothing pending (or a re-run for the same commit)
  }
  return readNotes(dest);
}
