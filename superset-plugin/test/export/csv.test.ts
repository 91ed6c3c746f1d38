import { answerCsv, csvField, csvFileName, UTF8_BOM } from '../../src/export/csv';

describe('answerCsv', () => {
  const columns = [
    { name: 'city', type: 'VARCHAR', role: 'dimension' as const },
    { name: 'dau', type: 'BIGINT', role: 'metric' as const },
  ];

  it('starts with a byte order mark, a header, and ends every line with CRLF', () => {
    const csv = answerCsv({ columns, rows: [{ city: '北京', dau: 1234567 }, { city: 'Shanghai', dau: 0.125 }] });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('city,dau\r\n北京,1234567\r\nShanghai,0.125\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('reads back to the same cells with a strict RFC 4180 reader', () => {
    const rows = [{ city: 'a "quoted", city\r\nnext', dau: 3 }, { city: '', dau: null }];
    expect(parseCsv(answerCsv({ columns, rows }).slice(1))).toEqual([['city', 'dau'], ['a "quoted", city\r\nnext', '3'], ['', '']]);
  });

  it('names the file after the question, keeping Chinese', () => {
    expect(csvFileName('DAU of the main app, last 7 days?')).toBe('dau-of-the-main-app-last-7-days.csv');
    expect(csvFileName('近7天主版DAU')).toBe('近7天主版dau.csv');
    expect(csvFileName('???')).toBe('chatbi-answer.csv');
  });
});

/** A small RFC 4180 reader written from the RFC's grammar, to check the writer against. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++];
    fields.push(field);
    if (text[i] === ',') i += 1;
    else {
      i += 2;
      records.push(fields);
      fields = [];
    }
  }
  return records;
}
