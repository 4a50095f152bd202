/** How a blob git calls binary is turned into text to scan (src/secrets/binary.ts). */
import { describe, expect, it } from 'vitest';
import { binaryScanText } from '../../src/secrets/binary.js';
import { commentSyntax, markerComment, markerFor } from '../../src/secrets/markers.js';

describe('binaryScanText', () => {
  it('a text file with a stray NUL stays text (all rules, real lines)', () => {
    const b = binaryScanText(Buffer.from('line one\nline \0 two\nline three\n'));
    expect(b).toMatchObject({ mostlyText: true, encoding: 'utf8' });
    expect(b.text.split('\n')[2]).toBe('line three');
  });

  it('UTF-16 with a BOM (LE and BE) and without one is decoded', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key=value\r\n', 'utf16le')]);
    expect(binaryScanText(le)).toMatchObject({ text: 'key=value\r\n', encoding: 'utf16le', mostlyText: true });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('key=value', 'utf16le').swap16()]);
    expect(binaryScanText(be)).toMatchObject({ text: 'key=value', encoding: 'utf16be' });
    expect(binaryScanText(Buffer.from('plain ascii in utf16', 'utf16le'))).toMatchObject({ text: 'plain ascii in utf16', encoding: 'utf16le' });
  });

  it('a real binary becomes its printable runs, other bytes NUL, newlines kept', () => {
    const bin = Buffer.concat([Buffer.from([0x89, 1, 2, 3, 4, 5, 6, 7, 0]), Buffer.from('TOKEN'), Buffer.from([0xfe, 10, 0xc3, 0xa9]), Buffer.from('x')]);
    const b = binaryScanText(bin);
    expect(b).toMatchObject({ mostlyText: false, encoding: 'printable-runs' });
    expect(b.text).toBe('\0'.repeat(9) + 'TOKEN\0\n\0\0x');
  });
});

describe('marker comment syntax per file type', () => {
  it.each([
    ['a.ts', '//'], ['b.go', '//'], ['C.java', '//'], ['d.c', '//'], ['e.rs', '//'],
    ['f.sh', '#'], ['g.py', '#'], ['h.yaml', '#'], ['i.toml', '#'], ['.env', '#'], ['.env.local', '#'], ['Dockerfile', '#'],
    ['j.sql', '--'], ['k.html', '<!--'], ['l.md', '<!--'], ['m.css', '/*'],
  ])('%s uses %s, and the marker it writes is recognised on the line and above it', (file, open) => {
    expect(commentSyntax(file)?.open).toBe(open);
    const c = markerComment(file, 'github-pat', 'revoked fixture token')!;
    expect(markerFor(`x = 1 ${c}`, undefined)).toMatchObject({ rules: ['github-pat'], reason: 'revoked fixture token' });
    expect(markerFor('x = 1', c)).toMatchObject({ rules: ['github-pat'], reason: 'revoked fixture token' });
    expect(markerFor('x = 1', c)!.problem).toBeUndefined();
  });

  it('JSON has no comment syntax', () => {
    expect(commentSyntax('package.json')).toBeUndefined();
    expect(markerComment('a/b.json', 'x')).toBeUndefined();
  });
});
