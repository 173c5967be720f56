/** Test support: reading results.csv back. */

/** A minimal RFC 4180 reader (quoted fields, doubled quotes), enough for the tests. */
export function parseCsv(text: string): { rows: Record<string, string>[]; quoted: Set<string> } {
  const records: { value: string; quoted: boolean }[][] = [];
  let field = '';
  let quoted = false;
  let record: { value: string; quoted: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' && field === '' && !quoted) {
      quoted = true;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '"' && text[j + 1] === '"') (field += '"'), j++;
        else if (text[j] === '"') break;
        else field += text[j];
      }
      i = j;
    } else if (ch === ',') record.push({ value: field, quoted }), (field = ''), (quoted = false);
    else if (ch === '\n') record.push({ value: field, quoted }), records.push(record), (record = []), (field = ''), (quoted = false);
    else field += ch;
  }
  if (field !== '' || record.length) record.push({ value: field, quoted }), records.push(record);
  const [header, ...body] = records;
  const names = header!.map((h) => h.value);
  const quotedCells = new Set<string>();
  const rows = body.map((r, ri) => Object.fromEntries(r.map((c, ci) => (c.quoted && quotedCells.add(`${ri}:${names[ci]}`), [names[ci]!, c.value]))));
  return { rows, quoted: quotedCells };
}
