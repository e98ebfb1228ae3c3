/**
 * Messages that are no question for the documents: chat ("xin chào", "ok cảm ơn", "bạn giúp được gì?")
 * and junk ("asdfgh", "😀", "<b>x</b>", a bare link or number). They get a short friendly reply that
 * says what the bot can do, without a search, so nothing is answered from a passage that merely shares
 * a word with them. The chat phrases are data (lexicon/small-talk.json).
 */
import { smallTalkWords } from '../lexicon.js';
import { fold, normalize } from '../text/analyzer.js';
import { nameTokens } from '../register/names.js';

/** What kind of chat a message is. */
export type SmallTalk = 'greeting' | 'thanks' | 'acknowledgement' | 'goodbye' | 'capabilities' | 'continuation' | 'junk';


/** Reads chat and junk. */
export class SmallTalkReader {
  private readonly phrases: Array<{ kind: SmallTalk; words: string[] }>;
  private readonly filler: string[][];
  private readonly openers: string[][];

  /** `knows` says whether the documents use a folded word, or one it is a typo of. */
  constructor(private readonly knows: (folded: string) => boolean) {
    const w = smallTalkWords();
    const kinds: Array<[SmallTalk, string[]]> = [
      ['greeting', w.greetings], ['thanks', w.thanks], ['acknowledgement', w.acknowledgements], ['goodbye', w.goodbyes], ['capabilities', w.capabilities],
      ['continuation', w.continuations],
    ];
    this.phrases = kinds.flatMap(([kind, list]) => list.map((p) => ({ kind, words: nameTokens(p) })))
      .filter((p) => p.words.length > 0)
      .sort((a, b) => b.words.length - a.words.length);
    this.filler = w.filler.map(nameTokens).filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    this.openers = w.openers.map(nameTokens).filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
  }

  /**
   * The question without the chat before it: "chào bạn, ai chủ trì Cổng GovTech?", "cảm ơn, còn năm 2024?",
   * "cho em hỏi …". What opens on chat phrases up to a comma, or on a polite opener, is set aside.
   */
  withoutChat(text: string): string {
    const comma = text.search(/[,;:!.]/u);
    if (comma > 0 && this.chat(text.slice(0, comma)) && /[\p{L}\p{N}]/u.test(text.slice(comma + 1))) return this.withoutChat(text.slice(comma + 1).trim());
    const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
    const opener = this.openers.find((o) => o.length < words.length && o.every((w, k) => fold(normalize(words[k][0])) === w));
    if (opener) return text.slice(words[opener.length].index!).trim();
    // chat before a polite opener without a comma: "dạ cho em hỏi …"
    const rest = this.withoutLeadingChat(text);
    return rest !== undefined && this.withoutChat(rest) !== rest ? this.withoutChat(rest) : text;
  }

  /**
   * The message without the chat it opens on when no comma sets it apart ("vâng còn bưu chính thì sao",
   * "ok thế năm 2024?"), or undefined when it opens on none or is nothing else. Whether the rest is what was
   * meant is for the reader of the rest to say ("chào mừng …" opens on no greeting).
   */
  withoutLeadingChat(text: string): string | undefined {
    const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
    const folded = words.map((w) => fold(normalize(w[0])));
    const chatty: SmallTalk[] = ['greeting', 'thanks', 'acknowledgement'];
    let i = 0;
    for (let found = true; found;) {
      const phrase = this.phrases.find((p) => chatty.includes(p.kind) && p.words.every((x, k) => folded[i + k] === x));
      found = phrase !== undefined && i + phrase.words.length < words.length;
      if (found) i += phrase!.words.length;
    }
    const rest = i > 0 ? text.slice(words[i].index!).trim() : undefined;
    return rest !== undefined && !this.chat(rest) ? rest : undefined;
  }

  /**
   * The kind of chat a message is, when it is made only of chat phrases and the words around them
   * ("cảm ơn bạn nhiều nhé"); the first phrase that says most decides (asking what the bot can do
   * over a greeting). Undefined for a question.
   */
  chat(text: string): Exclude<SmallTalk, 'junk'> | undefined {
    const words = nameTokens(text);
    if (words.length === 0) return undefined;
    const kinds: SmallTalk[] = [];
    for (let i = 0; i < words.length;) {
      const at = (p: string[]) => p.every((x, k) => words[i + k] === x);
      const phrase = this.phrases.find((p) => at(p.words));
      if (phrase) { kinds.push(phrase.kind); i += phrase.words.length; continue; }
      const filler = this.filler.find(at);
      if (!filler) return undefined;
      i += filler.length;
    }
    const order: SmallTalk[] = ['capabilities', 'greeting', 'thanks', 'goodbye', 'acknowledgement', 'continuation'];
    return order.find((k) => kinds.includes(k)) as Exclude<SmallTalk, 'junk'> | undefined;
  }

  /**
   * Whether a message holds no word the documents use (links and markup aside): letters typed at random,
   * emoji, punctuation, a bare number. A year alone is no junk: it may follow up the last question.
   */
  junk(text: string): boolean {
    const plain = text.normalize('NFC').replace(/https?:\/\/\S+|www\.\S+/giu, ' ').replace(/<[^>]*>/gu, ' ');
    return !nameTokens(plain).some((w) => /[a-z]/.test(w) ? w.length >= 2 && this.knows(w) : /^(?:19|20)\d\d$/.test(w));
  }
}
