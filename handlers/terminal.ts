/**
 * The local chat in a terminal: the same dialog as the bots, for use without any token and for trying
 * questions out. Follow-ups are typed (1, 2, 👍, 👎) as on Zalo.
 */
import { createInterface } from 'node:readline';
import { ANSI, PLAIN, renderMore, renderText } from '../src/answer/render-text.js';
import type { Dialog } from '../src/conversation/dialog.js';
import { followUpHint, TypedFollowUps } from '../src/conversation/typed-followups.js';

export async function runTerminalChat(dialog: Dialog, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const tty = (output as NodeJS.WriteStream).isTTY === true;
  const style = tty ? ANSI : PLAIN;
  const followUps = new TypedFollowUps(dialog);
  const say = (s: string) => output.write(s + '\n\n');
  say(renderText(dialog.welcome(), style));
  say('Gõ câu hỏi rồi Enter. Gõ "thoát" hoặc Ctrl-D để kết thúc.');
  const rl = createInterface({ input, output: tty ? output : undefined, terminal: tty, prompt: tty ? '❯ ' : '' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^(thoát|thoat|exit|quit)$/iu.test(text)) break;
    if (text) {
      const follow = followUps.read('terminal', 'local', 'local', text);
      if (follow) {
        if (follow.kind === 'more') say(renderMore(follow.excerpts, style));
        else if (follow.kind === 'page') say(renderText(follow.reply, style));
        else if (follow.kind === 'source') say(renderText(follow.reply, style));
        else say(follow.text);
      } else {
        const { reply, answerKey } = await dialog.handle({ channel: 'terminal', chatId: 'local', userId: 'local', text });
        const hint = answerKey ? followUpHint(reply) : '';
        say(renderText(reply, style) + (hint ? '\n\n' + style.quiet(hint) : ''));
        if (answerKey) followUps.answered('local', answerKey);
      }
    }
    rl.prompt();
  }
  rl.close();
  say('Tạm biệt!');
}
