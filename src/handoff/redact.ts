/**
 * The one place the handoff subsystem redacts text before it is stored or printed (ledger, handoff
 * files, notes, verify/handoff output): the secret scanner's redactText (every rule, fails closed),
 * then a few generic shapes it may not treat as secrets in free text (redactor.ts). Hot paths that
 * know their texts up front use redactorFor (redactor.ts), which loads only the rules they need.
 */
import { redactText } from '../secrets/index.js';
import { redactShapes } from './redactor.js';

export function redact(s: string): string {
  if (!s) return s;
  return redactShapes(redactText(s));
}
