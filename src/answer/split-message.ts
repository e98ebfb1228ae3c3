/**
 * Splits a message that is too long for a channel (Telegram 4096, Zalo 2000 characters) at paragraph
 * boundaries, then at line ends, then at spaces. Renderers keep markup inside one line, so a cut at a
 * line end never breaks a tag.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const unit of units(text, limit)) {
    const sep = current ? unit.sep : '';
    if (current.length + sep.length + unit.text.length > limit) flush();
    current += (current ? unit.sep : '') + unit.text;
  }
  flush();
  return pieces;
}

/** Paragraphs, or their lines, or their words, each no longer than `limit`. */
function units(text: string, limit: number): Array<{ text: string; sep: string }> {
  const out: Array<{ text: string; sep: string }> = [];
  for (const para of text.split(/\n{2,}/)) {
    if (para.length <= limit) { out.push({ text: para, sep: '\n\n' }); continue; }
    let first = true;
    for (const line of para.split('\n')) {
      const sep = first ? '\n\n' : '\n';
      first = false;
      if (line.length <= limit) { out.push({ text: line, sep }); continue; }
      let chunk = '';
      for (const word of line.split(' ')) {
        if (chunk && chunk.length + 1 + word.length > limit) { out.push({ text: chunk, sep: out.length ? ' ' : sep }); chunk = ''; }
        chunk = chunk ? chunk + ' ' + word : word.slice(0, limit);
      }
      if (chunk) out.push({ text: chunk, sep: ' ' });
    }
  }
  return out;
}
