// natural is imported by submodule (the package root loads ~1 s of unrelated code); this one has no types.
declare module 'natural/lib/natural/spellcheck/spellcheck.js' {
  export default class Spellcheck {
    constructor(words: string[]);
    isCorrect(word: string): boolean;
    getCorrections(word: string, maxDistance?: number): string[];
  }
}
