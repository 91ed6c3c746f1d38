import { ProtobufWriter } from './protobuf.writer';

describe('ProtobufWriter', () => {
  const hex = (w: ProtobufWriter) => Buffer.from(w.finish()).toString('hex');

  it('writes varints as the protobuf documentation does (field 1 = 150 is 08 96 01)', () => {
    expect(hex(new ProtobufWriter().varint(1, 150))).toBe('089601');
    expect(hex(new ProtobufWriter().varint(2, 0))).toBe('1000');
  });

  it('writes strings and nested messages length-delimited', () => {
    expect(hex(new ProtobufWriter().string(2, 'testing'))).toBe('120774657374696e67');
    expect(hex(new ProtobufWriter().message(3, (m) => m.varint(1, 150)))).toBe('1a03089601');
  });

  it('writes a negative int64 as ten bytes of two\'s complement', () => {
    expect(hex(new ProtobufWriter().int64(3, -1))).toBe(`18${'ff'.repeat(9)}01`);
  });

  it('packs repeated varints', () => {
    expect(hex(new ProtobufWriter().packedVarints(4, [3, 270, 86942]))).toBe('2206038e029ea705');
  });

  it('refuses what it cannot encode', () => {
    expect(() => new ProtobufWriter().varint(1, -1)).toThrow(/out of range/);
    expect(() => new ProtobufWriter().varint(1, 1.5)).toThrow(/out of range/);
  });
});
