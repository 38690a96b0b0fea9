import { describe, expect, it } from 'vitest';
import { canonicalize, NotCanonicalizable } from './jcs';
import { projection } from './verify';
import { javaVectors, sealedEvent } from './fixtures/vectors';

describe('RFC 8785 canonical JSON', () => {
  it('writes what the Java library writes, value for value', () => {
    for (const vector of javaVectors.jcs) {
      const parsed = JSON.parse(vector.input);
      if (vector.input.includes('1E400')) {
        // The library writes a number beyond doubles as its decimal text; JSON.parse already made it Infinity.
        expect(() => canonicalize(parsed)).toThrow(NotCanonicalizable);
      } else {
        expect(canonicalize(parsed)).toBe(vector.canonical);
      }
    }
  });

  it('makes the leaf projection of an event exactly as EventLeaf does', () => {
    expect(canonicalize(projection(sealedEvent()))).toBe(javaVectors.canonical);
  });

  it("follows RFC 8785's own examples: numbers and member order", () => {
    // RFC 8785 3.2.2.3 and Appendix B.
    expect(canonicalize([333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001])).toBe('[333333333.3333333,1e+30,4.5,0.002,1e-27]');
    expect(canonicalize({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalize({ b: -0, a: [null, true, 'x\u001fy'] })).toBe('{"a":[null,true,"x\\u001fy"],"b":0}');
  });

  it('refuses what it cannot write as the library does, naming where', () => {
    expect(() => canonicalize({ details: { huge: JSON.parse('1e400') } })).toThrow(/\$\.details\.huge/);
    expect(() => canonicalize({ text: 'half \ud83d of a pair' })).toThrow(NotCanonicalizable);
    expect(canonicalize({ text: 'a whole \ud83d\ude00 pair' })).toBe('{"text":"a whole 😀 pair"}');
  });
});
