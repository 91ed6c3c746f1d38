import { createAppLogger, resolvesToJson } from './app-logger';

describe('the app logger', () => {
  let written: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  it('writes one JSON object a line, without colour codes, when not on a terminal', () => {
    createAppLogger('auto', ['log', 'warn'], false).log('serving on 3000', 'dialogue');
    expect(written).toHaveLength(1);
    expect(written[0]).not.toMatch(/\u001b\[/);
    expect(JSON.parse(written[0])).toMatchObject({ level: 'log', context: 'dialogue', message: 'serving on 3000' });
  });

  it('writes plain text without colour codes when text is asked for off a terminal', () => {
    createAppLogger('text', ['log'], false).log('serving', 'dialogue');
    expect(written[0]).toContain('[dialogue] serving');
    expect(written[0]).not.toMatch(/\u001b\[/);
    expect(() => JSON.parse(written[0])).toThrow();
  });

  it('chooses JSON by the switch or by the missing terminal', () => {
    expect([resolvesToJson('auto', true), resolvesToJson('auto', false), resolvesToJson('json', true), resolvesToJson('text', false)]).toEqual([false, true, true, false]);
  });
});
