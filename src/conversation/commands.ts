/**
 * The commands, in one table: Telegram's menu, Zalo's command words and /help are all built from it.
 * What each command does is the dialog's (`Dialog.runCommand`), looked up by name.
 */

/** A command's name, as typed after "/" (or as the first word on Zalo). */
export type CommandName = 'start' | 'help' | 'chitieu' | 'hanchot' | 'donvi' | 'linhvuc' | 'nguon' | 'stats' | 'reload';

/** A command as menus and /help show it. */
export interface CommandInfo {
  name: CommandName;
  /** Telegram menu text (at most 256 characters). */
  menu: string;
  /** The line /help shows, with an example. */
  help: string;
  /** Only admins may run it; it is left out of menus and /help. */
  admin?: boolean;
}

/** Every command, in menu order. */
export const COMMANDS: readonly CommandInfo[] = [
  { name: 'start', menu: 'Giới thiệu và các văn bản bot tra cứu', help: '/start — giới thiệu, các văn bản đang tra cứu' },
  { name: 'help', menu: 'Hướng dẫn hỏi đáp', help: '/help — hướng dẫn này' },
  { name: 'chitieu', menu: 'Chỉ tiêu theo chủ đề: /chitieu 5G', help: '/chitieu <chủ đề> [năm] — các chỉ tiêu về chủ đề, ví dụ: /chitieu 5G, /chitieu chính phủ số 2025' },
  { name: 'hanchot', menu: 'Thời hạn: /hanchot Quý IV/2021 hoặc /hanchot <việc>', help: '/hanchot <kỳ hạn hoặc việc> — các việc đến hạn, ví dụ: /hanchot Quý IV/2021, /hanchot tháng 6/2021, /hanchot cổng GovTech' },
  { name: 'donvi', menu: 'Việc một đơn vị chủ trì: /donvi Cục Viễn thông', help: '/donvi <tên đơn vị> — mọi nhiệm vụ, chỉ tiêu đơn vị đó chủ trì, ví dụ: /donvi Cục Viễn thông, /donvi Vụ KHTC' },
  { name: 'linhvuc', menu: 'Nhiệm vụ trọng tâm một lĩnh vực: /linhvuc viễn thông 2023', help: '/linhvuc [lĩnh vực năm] — các lĩnh vực; nhiệm vụ trọng tâm của một lĩnh vực trong một năm, ví dụ: /linhvuc viễn thông 2023' },
  { name: 'nguon', menu: 'Danh sách văn bản', help: '/nguon — danh sách văn bản' },
  { name: 'stats', menu: 'Thống kê (quản trị)', help: '/stats — thống kê 7 ngày', admin: true },
  { name: 'reload', menu: 'Nạp lại chỉ mục (quản trị)', help: '/reload — nạp lại chỉ mục từ seeds', admin: true },
];

/** The command a name refers to (case-insensitive), or undefined. */
export function commandNamed(name: string): CommandInfo | undefined {
  const n = name.toLowerCase();
  return COMMANDS.find((c) => c.name === n);
}

/** Telegram's menu: the commands everyone may use. */
export function telegramMenu(): Array<{ command: string; description: string }> {
  return COMMANDS.filter((c) => !c.admin).map((c) => ({ command: c.name, description: c.menu }));
}
