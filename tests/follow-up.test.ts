/**
 * Follow-ups completed from the chat's last question, chat and junk answered without a search, and
 * questions about what the documents never speak of recognised as such: on the real index and lexicon.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../src/answer/render-text.js';
import { Dialog, vocabularyOf, type Incoming } from '../src/conversation/dialog.js';
import { FollowUpReader, Frames } from '../src/conversation/follow-up.js';
import { SmallTalkReader } from '../src/conversation/small-talk.js';
import { figuresAsked, ownYears, saysPlace } from '../src/search/answerability.js';
import { isVietnameseSyllable } from '../src/text/analyzer.js';
import { testAnswerer } from './helpers.js';

const D2021 = '003_578e35c63316aedb.txt';
const D2023 = '000_94f847d9d8c3a318.txt';
const REPORT = '004_1f5fb79ec9fc1a3e.txt';

const msg = (text: string, chatId: string, userId = chatId): Incoming => ({ channel: 'terminal', chatId, userId, text });

async function reader() {
  const app = await testAnswerer();
  return new FollowUpReader(app.browser, undefined, vocabularyOf(app));
}

const question = async (text: string, last: string) => {
  const c = (await reader()).complete(text, last);
  return c?.kind === 'question' ? c.question : c?.kind;
};

describe('completing a follow-up from the last question', () => {
  it('reads "còn gì nữa, …" as more of the last answer when the rest asks which, else the rest as the follow-up', async () => {
    expect(await question('còn gì nữa không, có hội nghị nào không?', 'Năm 2023 lĩnh vực báo chí có nhiệm vụ sửa Luật Báo chí không?')).toBe('more');
    // asking who leads after it is no list of more
    expect(await question('Còn gì nữa không, đơn vị nào chủ trì?', 'Năm 2023 lĩnh vực báo chí có nhiệm vụ sửa Luật Báo chí không?'))
      .toBe('Năm 2023 lĩnh vực báo chí có nhiệm vụ sửa Luật Báo chí đơn vị nào chủ trì');
    // the rest naming nothing the last question did not is more of it
    expect(await question('còn chỉ tiêu nào khác của mảng ATTT ko?', 'nửa cuối 2020 mô hình 4 lớp bảo vệ ATTT phải đạt tỷ lệ bao nhiêu')).toBe('more');
    // "chẳng hạn" names an example, it asks no deadline
    expect(await question('còn gì nữa, sách tinh gọn chẳng hạn?', 'Mục tiêu năm 2025 về tỷ lệ sách điện tử là bao nhiêu?'))
      .toBe('Mục tiêu sách tinh gọn năm 2025 là bao nhiêu');
  });

  it('reads "con so" typed without diacritics as "con số" asked, not as "còn", and "nhiu" as "nhiêu"', async () => {
    expect(await question('con so cu the la bao nhiu?', 'Năm 2022 lĩnh vực VT đặt mục tiêu gì về chuyển đổi từ điện thoại 2G sang smartphone?'))
      .toBe('Năm 2022 lĩnh vực VT đặt về chuyển đổi từ điện thoại 2G sang smartphone con so là bao nhiêu');
  });

  it('reads a document named with only an ask as the last question asked of it ("bc tong ket 2021 thi ghi bao nhieu?")', async () => {
    expect(await question('bc tong ket 2021 thi ghi bao nhieu?', 'chi thi 01/2021 dat muc tieu den nam 2025 VN co bao nhieu doanh nghiep cong nghe so?'))
      .toBe('bc tong ket 2021 dat muc tieu den nam 2025 VN co bao nhieu doanh nghiep cong nghe so');
    // asking a list of a document is a question of its own
    expect(await question('Báo cáo tổng kết 2021 đặt những mục tiêu gì?', 'Ai chủ trì xây dựng Luật Viễn thông sửa đổi?')).toBeUndefined();
    expect(await question('Chỉ thị 01/2023 có bao nhiêu chỉ tiêu?', 'Ai chủ trì xây dựng Luật Viễn thông sửa đổi?')).toBeUndefined();
    // the report's 2025 target (line 929) counts the enterprises: it leads, not "giá trị tăng thêm … gấp 2 lần" of the same line
    const app = await testAnswerer();
    const dialog = new Dialog(app, undefined, { rateLimitPerMinute: 1e9 });
    const say = async (text: string) => renderText((await dialog.handle({ channel: 'terminal', chatId: 'doc', userId: 'u', text })).reply);
    await say('chi thi 01/2021 dat muc tieu den nam 2025 VN co bao nhieu doanh nghiep cong nghe so?');
    expect(await say('bc tong ket 2021 thi ghi bao nhieu?')).toMatch(/Hiểu là: bc tong ket 2021[\s\S]*\*?\*?100 nghìn doanh nghiệp/);
  });

  it('reads the level a task goes to ("trình Chính phủ") and chat forms ("trc") as asking of the last question\'s task', async () => {
    const last = 'Thẩm định, trình Bộ phê duyệt chủ trương đầu tư, BCNCKT các dự án khởi công mới năm 2021 do vụ nào làm?';
    expect(await question('trình Chính phủ khi nào?', last)).toMatch(/^Thẩm định, trình Bộ phê duyệt .* khi nào$/);
    expect(await question('phải xong trc ngày nào?', last)).toMatch(/^Thẩm định, trình Bộ phê duyệt .* ngày nào$/);
  });

  it('keeps a word of two syllables whole in the last question ("trung hạn" is no deadline asked)', async () => {
    const c = (await reader()).complete('ngoai de an do con mo hinh gi moi nua ko?', 'Kế hoạch trung hạn đến 2024 lĩnh vực BC trong báo cáo tổng kết 2021 có đề án gì về tổ chức bộ máy?');
    expect(c?.kind === 'question' && c.wider).toContain('Kế hoạch trung hạn đến 2024');
  });

  it('carries no year of a document\'s number ("22/2014/TT-BTTTT") into a follow-up as its time', async () => {
    const q = await question('con Cuc Tan so, viec ky ke hoach phoi hop quan ly tan so voi cac So TTTT han luc nao?',
      'Theo phụ lục II Chỉ thị 2021, Thông tư sửa đổi Thông tư 22/2014/TT-BTTTT về quy hoạch kho số viễn thông phải xong khi nào?');
    expect(q).not.toContain('2014');
    expect(q).toContain('Chỉ thị 2021');
  });

  it('reads a share asked in plain words inside an accented question ("ty le" put into the last question)', async () => {
    // the report's line 418: "tỷ lệ doanh thu dịch vụ thoại và SMS trên tổng doanh thu dịch vụ thông tin di động dưới 20%"
    const app = await testAnswerer();
    const a = app.answer('ty le doanh thu thoai va SMS tren tong doanh thu di dong đến 2025 theo báo cáo tổng kết năm 2021 đạt bao nhiêu');
    expect(a.noAnswer).toBe(false);
    expect(renderText(a.reply)).toContain('dưới 20%');
  });

  it('reads "hồi 2020" as a time, the Ministry as no subject, and "ngành này" as pointing back', async () => {
    expect(await question('thế hồi 2020 Bộ đặt bao nhiêu', 'Năm 2021 chỉ tiêu tỷ lệ sách xuất bản điện tử là bao nhiêu?'))
      .toBe('hồi 2020 chỉ tiêu tỷ lệ sách xuất bản điện tử là bao nhiêu');
    const c = (await reader()).complete('con nhan luc nganh nay?', 'Theo Chỉ thị 01/CT-BTTTT năm 2023, đến 2025 cả nước có tối thiểu bao nhiêu địa phương có doanh thu công nghiệp CNS trên 1 tỷ USD?');
    expect(c?.kind === 'question' && c.subject).toBe('nhan luc');
  });

  it('reads "bên nào lo", "hạn nộp" as asks, "vụ đó" as pointing back, never as a subject', async () => {
    expect(await question('bên nào lo vụ đó', 'năm 2021 có nhiệm vụ nào về đề án định danh số không'))
      .toBe('năm 2021 có nhiệm vụ nào về đề án định danh số bên nào chủ trì lo');
    expect(await question('hạn nộp khi nào?', 'đề án định danh số năm 2021 đơn vị nào chủ trì?')).toBe('đề án định danh số năm 2021 hạn nộp khi nào');
  });

  it('reads a place in an order as asked apart from an amount, and "hiện nay", "đang" as naming nothing', async () => {
    // asked a rank, then a target: the target is asked, not the rank again
    expect(await question('còn mục tiêu 2025?', 'Năm 2021 Việt Nam đứng thứ mấy về chỉ số phát triển bưu chính của UPU?'))
      .toBe('năm 2025 Việt Nam về chỉ số phát triển bưu chính của UPU mục tiêu');
    // asked a target, then where it stands now: the rank is asked of the same subject
    expect(await question('hiện nay đang đứng thứ bao nhiêu?', 'Mục tiêu đến 2025 Việt Nam vào nhóm bao nhiêu nước về chỉ số phát triển bưu chính?'))
      .toMatch(/chỉ số phát triển bưu chính đứng thứ bao nhiêu$/);
  });

  it('takes a shaping phrase\'s words as plain only where the phrase stands whole ("đảm bảo", not "báo" of "báo chí")', async () => {
    // the last question's subject keeps "báo chí", so a message naming it again is a question of its own
    expect(await question('hạn sửa Luật Báo chí?', 'nhiệm vụ đảm bảo an toàn thông tin năm 2023')).toBeUndefined();
    expect((await reader()).subjectOf('Năm 2023 có nhiệm vụ gì về sửa đổi Luật Báo chí?')).toContain('Báo chí');
  });

  it('puts a new year or period in place of the old one', async () => {
    expect(await question('còn năm 2025?', 'tỷ lệ hồ sơ trực tuyến toàn trình năm 2023 là bao nhiêu?')).toBe('tỷ lệ hồ sơ trực tuyến toàn trình năm 2025 là bao nhiêu');
    expect(await question('vậy đến năm 2025?', 'Chỉ tiêu tỷ lệ hộ gia đình dùng cáp quang năm 2021 là bao nhiêu?')).toBe('Chỉ tiêu tỷ lệ hộ gia đình dùng cáp quang đến năm 2025 là bao nhiêu');
    expect(await question('2024 thì sao', 'mục tiêu tên miền .vn hết năm 2023')).toBe('mục tiêu tên miền .vn năm 2024');
    // the quarter and year of a document's name ("Giao ban quý I/2023") are no time asked
    expect(await question('còn năm 2025?', 'Giao ban quý I/2023 đặt mục tiêu bao nhiêu % hồ sơ được xử lý trực tuyến toàn trình?'))
      .toBe('Giao ban quý I/2023 đặt mục tiêu bao nhiêu % hồ sơ được xử lý trực tuyến toàn trình năm 2025');
  });

  it('reads a year named by its place after or before the last question\'s ("năm sau", "năm trước")', async () => {
    expect(await question('năm trước thì sao?', 'Mục tiêu phủ sóng 5G năm 2025 là bao nhiêu % dân số?')).toBe('Mục tiêu phủ sóng 5G năm 2024 là bao nhiêu % dân số');
    expect(await question('còn năm sau?', 'doanh thu trò chơi điện tử giai đoạn 2023-2024 đạt bao nhiêu')).toBe('doanh thu trò chơi điện tử năm 2025 đạt bao nhiêu');
  });

  it('reads a quarter or a month as a time that keeps the last question\'s year, and a year its quarter', async () => {
    expect(await question('còn Quý II?', 'Cục Tần số chủ trì những việc gì hạn Quý IV/2021')).toBe('Cục Tần số chủ trì những việc gì hạn Quý II/2021');
    expect(await question('còn tháng 12?', 'việc gì hạn tháng 6/2021')).toBe('việc gì hạn tháng 12/2021');
    expect(await question('thế quý 3 năm 2022?', 'việc gì hạn Quý IV/2021')).toBe('việc gì hạn quý 3 năm 2022');
  });

  it('reads a noun pointing back ("tỷ lệ này", "năm đó") as the last question\'s, not a new subject', async () => {
    const last = 'Năm 2021 tỷ lệ người sử dụng Internet đạt bao nhiêu?';
    expect(await question('thế năm 2025 thì tỷ lệ này là bao nhiêu?', last)).toBe('năm 2025 tỷ lệ người sử dụng Internet đạt bao nhiêu');
    expect(await question('còn băng rộng cố định năm đó?', last)).toMatch(/^băng rộng cố định Năm 2021 đạt bao nhiêu/);
    // "riêng" opens a follow-up
    expect(await question('riêng thuê bao băng rộng cố định thì sao?', last)).toMatch(/^thuê bao băng rộng cố định Năm 2021/);
    // a kind of document or thing pointed back at ("quyết định đó", "luật này") is the last question's subject
    const decision = 'Khu CNTT tập trung Đà Nẵng được thành lập theo quyết định số mấy?';
    expect(await question('quyết định đó ban hành ngày nào?', decision)).toBe('Khu CNTT tập trung Đà Nẵng được thành lập theo quyết định số ngày nào');
    expect(await question('văn bản này ban hành khi nào', decision)).toBe('Khu CNTT tập trung Đà Nẵng được thành lập theo quyết định số khi nào');
  });

  it('keeps the subject and asks what the follow-up asks', async () => {
    expect(await question('ai chủ trì?', 'cổng GovTech bao giờ phải xong?')).toBe('cổng GovTech ai chủ trì');
    expect(await question('hạn khi nào?', 'Đề án 300 chuyên gia an toàn thông tin do đơn vị nào chủ trì?')).toBe('Đề án 300 chuyên gia an toàn thông tin hạn khi nào');
    // "đơn vị chủ trì" names what is asked, not a new subject
    expect(await question('đơn vị chủ trì việc đó là cục nào ạ?', 'Việc hoàn thiện Nền tảng học trực tuyến mở đại trà One Touch phối hợp với đơn vị nào?'))
      .toBe('Việc hoàn thiện Nền tảng học trực tuyến mở đại trà One Touch đơn vị chủ trì cục nào');
    // "việc này" points back at the subject: nothing new is named
    expect(await question('đơn vị nào lo việc này?', 'Chiến lược tần số vô tuyến điện hạn chót khi nào?')).toBe('Chiến lược tần số vô tuyến điện đơn vị nào chủ trì lo');
  });

  it('keeps an amount asked with its measure together ("là bao nhiêu tiền"): the measure names no subject', async () => {
    expect(await question('vậy giá thành chữ ký số cho người dân là bao nhiêu tiền?', 'Trung tâm chứng thực điện tử quốc gia được giao nghiên cứu phương án gì?'))
      .toBe('giá thành chữ ký số người dân là bao nhiêu tiền');
  });

  it('asks for the figure of what the last question asked about ("con số", "số liệu")', async () => {
    // the follow-up asks the figure alone, not who leads as well
    expect(await question('con số cụ thể là bao nhiêu?', 'Chỉ tiêu tỷ lệ người sử dụng Internet năm 2021 do đơn vị nào chủ trì?'))
      .toBe('tỷ lệ người sử dụng Internet năm 2021 con số là bao nhiêu');
    // "còn" typed with its diacritics opens a follow-up on "số …"
    expect(await question('còn số thuê bao băng rộng cố định?', 'Chỉ tiêu tỷ lệ người sử dụng Internet năm 2021 là bao nhiêu?'))
      .toBe('Chỉ tiêu số thuê bao băng rộng cố định năm 2021 là bao nhiêu');
  });

  it('reads asking who is responsible, tracks or works with in other words', async () => {
    const last = 'Xây dựng Chiến lược dữ liệu quốc gia hạn khi nào?';
    // "quốc gia hạn khi nào" asks a deadline: the longer phrase is read, not "gia hạn"
    expect(await question('ai chịu trách nhiệm?', last)).toBe('Xây dựng Chiến lược dữ liệu quốc gia ai chủ trì chịu trách nhiệm');
    expect(await question('đơn vị nào theo dõi, đôn đốc?', last)).toBe('Xây dựng Chiến lược dữ liệu quốc gia đơn vị nào chủ trì theo dõi đôn đốc');
    expect(await question('phối hợp với những đơn vị nào?', last)).toBe('Xây dựng Chiến lược dữ liệu quốc gia phối hợp với những đơn vị nào');
    expect(await question('giao cho ai?', 'Năm 2021 chỉ tiêu tỷ lệ hộ gia đình sử dụng cáp quang là bao nhiêu?'))
      .toBe('Năm 2021 tỷ lệ hộ gia đình sử dụng cáp quang giao cho ai');
    // asked plainly of who leads when the answerer would not read the words so
    expect(await question('ai theo dõi?', 'Năm 2021 chỉ tiêu tỷ lệ hộ gia đình sử dụng cáp quang là bao nhiêu?'))
      .toBe('Năm 2021 tỷ lệ hộ gia đình sử dụng cáp quang ai chủ trì theo dõi');
  });

  it('says the documents name no lead when asked who tracks a task they give no unit for', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Năm 2023 lĩnh vực bưu chính có nhiệm vụ xây dựng Cổng dữ liệu bưu chính không?', 't1'));
    expect(renderText((await dialog.handle(msg('ai theo dõi việc này?', 't1'))).reply)).toContain('Văn bản không ghi rõ đơn vị chủ trì');
    // the index table's "Đơn vị chủ trì theo dõi" is still found
    await dialog.handle(msg('Năm 2021 nhóm chỉ số Sáng tạo trực tuyến (C6) phải tăng bao nhiêu bậc?', 't2'));
    expect(renderText((await dialog.handle(msg('đơn vị nào theo dõi?', 't2'))).reply).slice(0, 700)).toContain('VNNIC');
  });

  it('puts a unit, a sector or a document named in place of the one asked about', async () => {
    expect(await question('còn Cục Tần số thì sao?', 'Cục Viễn thông chủ trì những việc gì')).toBe('Cục Tần số chủ trì những việc gì');
    expect(await question('thế còn bưu chính?', 'nhiệm vụ lĩnh vực viễn thông năm 2021')).toBe('nhiệm vụ lĩnh vực bưu chính năm 2021');
    expect(await question('còn chỉ thị năm 2021 thì sao?', 'chỉ thị 2023 đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số đến 2025'))
      .toBe('chỉ thị năm 2021 đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số đến 2025');
    // "thì đặt bao nhiêu" asks what the last question asked: its "mục tiêu" stays
    expect(await question('còn Chỉ thị năm 2021 thì đặt bao nhiêu?', 'Chỉ thị 2023 đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số đến 2025?'))
      .toBe('Chỉ thị năm 2021 đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số đến 2025');
    // a quarter normalised into more words ("Quý III/2021") does not shift where the unit is
    expect(await question('còn Cục Tần số thì sao?', 'Năm 2021 Trung tâm VNNIC chủ trì những nhiệm vụ nào phải xong trong Quý III/2021?'))
      .toBe('Năm 2021 Cục Tần số chủ trì những nhiệm vụ nào phải xong trong Quý III/2021');
    // a province in place of the one asked about, wherever it is named, the rest of the question kept
    expect(await question('thế Hà Nội?', 'Trong số các tỉnh dùng chung nhiều trạm BTS, Hải Phòng đạt tỷ lệ bao nhiêu?'))
      .toBe('Trong số các tỉnh dùng chung nhiều trạm BTS, Hà Nội đạt tỷ lệ bao nhiêu');
    // asked what another unit does, its own tasks are asked, not the last question's of it
    expect(await question('còn TT NEAC được giao những việc gì?', 'Đề án phát triển 300 chuyên gia giỏi về ATTT do Cục ATTT làm thì hạn khi nào?'))
      .toBe('TT NEAC được giao những việc gì');
    // typed without diacritics, "noi" of "ha noi" is no "nói"
    expect(await question('the ha noi thi sao', 'Trong số các tỉnh dùng chung nhiều trạm BTS, Hải Phòng đạt tỷ lệ bao nhiêu?'))
      .toBe('Trong số các tỉnh dùng chung nhiều trạm BTS, ha noi đạt tỷ lệ bao nhiêu');
    // an amount asked of a measure alone is the last question's subject's ("thu" of "doanh thu" opens no
    // "thứ bao nhiêu"); a measure with a subject of its own is a question of its own
    expect(await question('doanh thu bao nhiêu?', 'Năm 2021 Viettel nộp ngân sách bao nhiêu?')).toBe('doanh thu Năm 2021 bao nhiêu');
    expect(await question('doanh thu viễn thông năm 2021 bao nhiêu?', 'Năm 2021 Viettel nộp ngân sách bao nhiêu?')).toBeUndefined();
    // nor is a word that makes a pair the documents use with its neighbour: "noi dia" is "nội địa"
    expect(await question('sp ATTT noi dia thi sao', 'Nửa cuối 2020 mô hình 4 lớp bảo đảm an toàn, an ninh mạng phải đạt tỷ lệ bao nhiêu?'))
      .toMatch(/^sp ATTT noi dia .*bao nhiêu$/);
    expect(await question('còn Đà Nẵng?', 'Hà Nội có bao nhiêu trạm BTS dùng chung, Hà Nội đạt tỷ lệ bao nhiêu'))
      .toBe('Đà Nẵng có bao nhiêu trạm BTS dùng chung, Đà Nẵng đạt tỷ lệ bao nhiêu');
    // a company in place of the one asked about: a name the documents write only capitalised, or typed with a
    // capital inside; not an abbreviation they spell out, nor a word at the start of a sentence
    expect(await question('thế VNPT?', 'Năm 2021 Viettel nộp ngân sách bao nhiêu?')).toBe('Năm 2021 VNPT nộp ngân sách bao nhiêu');
    expect(await question('còn MobiFone thì sao', 'Kế hoạch doanh thu năm 2022 của Viettel là bao nhiêu?')).toBe('Kế hoạch doanh thu năm 2022 của MobiFone là bao nhiêu');
    // a name of several capitalised words, one of them a name, in place of a company the units list names ("VNPost")
    expect(await question('con Viettel Post?', 'VNPost dự kiến doanh thu cả năm 2021 đạt bao nhiêu?')).toBe('Viettel Post dự kiến doanh thu cả năm 2021 đạt bao nhiêu');
    // a province named alone with an ask, no word marking a follow-up, asks the last question of it
    expect(await question('Ninh Thuận bn?', 'Trong số các tỉnh dùng chung nhiều trạm BTS, Hải Phòng đạt tỷ lệ bao nhiêu?'))
      .toBe('Trong số các tỉnh dùng chung nhiều trạm BTS, Ninh Thuận đạt tỷ lệ bao nhiêu');
    // but not words that only fold to a province's name ("đa năng"), nor one in a unit's name
    expect(await question('còn Hà Nội?', 'số cột ăng-ten đa năng dùng chung năm 2023')).not.toContain('ăng-ten Hà Nội');
    expect(await question('thế Hà Nội?', 'Học viện Chính trị quốc gia Hồ Chí Minh được giao việc gì')).not.toContain('quốc gia Hà Nội');
    // an indicator that holds a sector's words is a new subject, not a sector ("thị" is no filler "thì")
    expect(await question('còn mức tăng trưởng doanh thu thị trường ATTT?', 'Năm 2021 tỷ lệ cơ quan khắc phục lỗ hổng ATTT phải đạt bao nhiêu?'))
      .toBe('mức tăng trưởng doanh thu thị trường ATTT Năm 2021 đạt bao nhiêu');
  });

  it('reads a sector named with the word heading it ("ngành", "lĩnh vực") as the sector alone', async () => {
    const c = (await reader()).complete('thế ngành bưu chính thì sao?', 'Đến năm 2025 tốc độ tăng trưởng doanh thu lĩnh vực viễn thông là bao nhiêu?');
    expect(c).toEqual({
      kind: 'question', question: 'Đến năm 2025 tốc độ tăng trưởng doanh thu lĩnh vực bưu chính là bao nhiêu',
      // asked of the sector alone when the documents answer the question above from no part about it, and
      // then the sector's list
      sector: {
        names: ['Bưu chính'],
        // what the last question asked about besides its sector, which a passage answering it speaks of
        kept: 'tốc độ tăng trưởng doanh thu',
        otherwise: ['ngành bưu chính Đến năm 2025 là bao nhiêu', 'ngành bưu chính Đến năm 2025'],
      },
    });
    expect(await question('còn mảng báo chí?', 'nhiệm vụ lĩnh vực viễn thông năm 2021')).toBe('nhiệm vụ lĩnh vực báo chí năm 2021');
    // "Viễn thông" in "Cục Viễn thông" is the unit's name, no sector to put the new one in place of
    expect(await question('còn lĩnh vực bưu chính?', 'Cục Viễn thông chủ trì những nhiệm vụ gì năm 2021?')).toBe('lĩnh vực bưu chính năm 2021 những nhiệm vụ gì');
    // put as the last question had its sector: without a heading word ("doanh thu ngành …" is the games industry's)
    expect(await question('the nganh buu chinh thi sao?', 'muc tieu doanh thu vien thong nam 2025')).toBe('muc tieu doanh thu buu chinh nam 2025');
  });

  it('reads a unit leading what the last question asked about as naming, not asking, who leads', async () => {
    const last = 'Chỉ tiêu tỷ lệ hộ gia đình sử dụng cáp quang năm 2021 do Cục Viễn thông chủ trì là bao nhiêu?';
    expect(await question('còn thuê bao băng rộng di động?', last)).toBe('Chỉ tiêu thuê bao băng rộng di động năm 2021 là bao nhiêu');
  });

  it('asks the last question of a new subject, keeping what it asked and its year', async () => {
    expect(await question('còn tỷ lệ dùng điện thoại thông minh?', 'Năm 2021 chỉ tiêu hộ gia đình có cáp quang là bao nhiêu?'))
      .toBe('chỉ tiêu tỷ lệ dùng điện thoại thông minh Năm 2021 là bao nhiêu');
  });

  it('reads asking for more, and leaves a question of its own alone', async () => {
    expect(await question('còn gì nữa không?', 'nhiệm vụ lĩnh vực viễn thông năm 2021')).toBe('more');
    expect(await question('chi tiết hơn được ko?', 'nhiệm vụ lĩnh vực viễn thông năm 2021')).toBe('more');
    expect(await question('cụ thể hơn được không, có đề án nào không?', 'nhiệm vụ lĩnh vực viễn thông năm 2021')).toBe('more');
    expect(await question('hạn trình luật viễn thông sửa đổi', 'cổng GovTech bao giờ phải xong?')).toBeUndefined();
    expect(await question('5G', 'cổng GovTech bao giờ phải xong?')).toBeUndefined();
    // "AI" typed in capitals is artificial intelligence, not "ai" (who)
    expect(await question('còn AI thì sao?', 'mục tiêu phát triển dữ liệu năm 2025')).not.toMatch(/dữ liệu AI năm/);
    expect(await question('/donvi Cục VT', 'cổng GovTech bao giờ phải xong?')).toBeUndefined();
  });

  it('reads what only looks like a follow-up as no follow-up', async () => {
    // "hạn chế" is no "hạn"; "tại sao" asks why, which no document line answers
    expect((await reader()).complete('còn hạn chế gì?', 'nhiệm vụ lĩnh vực bưu chính năm 2023'))
      .toEqual({ kind: 'question', question: 'hạn chế năm 2023 gì', wider: 'nhiệm vụ lĩnh vực bưu chính năm 2023 hạn chế gì', subject: 'hạn chế', focus: 'hạn chế' });
    expect(await question('tại sao?', 'mục tiêu phủ sóng 5G năm 2025')).toBeUndefined();
    // a question closing on "đúng không" asks nothing more with it
    expect(await question('ai chủ trì?', 'Năm 2023 có nhiệm vụ xây dựng Cổng dữ liệu bưu chính đúng không?')).toBe('Năm 2023 có nhiệm vụ xây dựng Cổng dữ liệu bưu chính ai chủ trì');
    // a list command goes on with another time (the year after the slash), not with a question of its own
    expect(await question('còn năm 2022?', '/hanchot Quý IV/2021')).toBe('/hanchot Quý IV/2022');
    expect(await question('ai chủ trì?', '/chitieu 5G')).toBeUndefined();
  });

  it('reads a word typed with diacritics as no follow-up word it only folds to', async () => {
    // "thị" is no "thì" of the opener "thế thì", "độ" no "đó" pointing back
    expect(await question('thế thị phần trong nước?', 'Đến năm 2025 doanh thu an toàn thông tin mạng đạt bao nhiêu?')).toMatch(/^thị phần trong nước/);
    expect(await question('còn tốc độ tăng trưởng?', 'Đến năm 2025 doanh thu an toàn thông tin mạng đạt bao nhiêu?')).toMatch(/^tốc độ tăng trưởng/);
    // typed without diacritics, the follow-up word is taken
    expect(await question('the thi nam 2024', 'muc tieu phu song 5G nam 2025')).toBe('muc tieu phu song 5G nam 2024');
    // … but in a text typed with them a one-word phrase typed without is another word ("do" is no "đó"), and
    // asks that overlap are one ("do ai" + "ai theo dõi")
    expect(await question('còn cáp quang do ai theo dõi?', 'Năm 2021 tỷ lệ người sử dụng Internet đạt bao nhiêu?'))
      .toBe('cáp quang Năm 2021 do ai chủ trì theo dõi');
  });

  it('reads misspelt and chat-typed follow-up words as the words meant, not words the documents use', async () => {
    const last = 'Thông tư thay thế Thông tư 25/2015/TT-BTTTT do đơn vị nào chủ trì?';
    // a letter missing ("xog"), the ask then written as the lexicon spells it
    expect(await question('bao gio phai xog?', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT bao giờ phải xong');
    // an old spelling the documents never write ("nầy" for "này") points back all the same
    expect(await question('hạn chót của việc nầy?', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT hạn chót');
    // chat forms: "vs" for "với", "z" for "vậy", "j" for "gì"
    expect(await question('phối hợp vs đơn vị nào z?', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT phối hợp với đơn vị nào');
    expect(await question('còn j nữa không?', last)).toBe('more');
    // "bao h" for "bao giờ", "đấy" pointing back like "đó"
    expect(await question('đề án đấy hạn bao h phải xog vậy?', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT hạn bao giờ phải xong');
    // asks for a date in other words
    expect(await question('hạn chót lúc nào vậy', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT hạn chót lúc nào');
    expect(await question('deadline là ngày nào?', last)).toBe('Thông tư thay thế Thông tư 25/2015/TT-BTTTT deadline ngày nào');
    // a word the documents write is no misspelt follow-up word: "tốc độ" is no "tốc đó"
    expect(await question('tốc độ tăng trưởng?', last)).toBeUndefined();
  });

  it('reads an ask among words of the last question or words naming nothing as asking about the same thing', async () => {
    const last = 'Năm 2022 Bộ đăng ký trình Thủ tướng Chỉ thị về đẩy mạnh phát triển Chính phủ số hả?';
    expect(await question('dự kiến trình tháng mấy?', last)).toBe('Năm 2022 Bộ đăng ký trình Thủ tướng Chỉ thị về đẩy mạnh phát triển Chính phủ số tháng mấy');
    expect(await question('cơ quan nào lo việc này?', 'Hội nghị giao ban quý I/2023 có chỉ đạo gì về dùng VNeID để quản lý thuê bao di động không?'))
      .toBe('Hội nghị giao ban quý I/2023 có chỉ đạo về dùng VNeID để quản lý thuê bao di động cơ quan nào chủ trì lo');
    // "tổ chức" (to organise) says what is done, like "xây dựng": the ask is about the same event
    expect(await question('đơn vị nào chủ trì tổ chức?', 'Năm 2023 có tổ chức sự kiện Vietnam Security Summit 2023 không?'))
      .toBe('Năm 2023 có tổ chức sự kiện Vietnam Security Summit 2023 đơn vị nào chủ trì');
    // a word of its own is a new question
    expect(await question('ngân sách dự kiến bao nhiêu?', last)).toBeUndefined();
  });

  it('reads asking for more with closing words after it, and for other targets or tasks', async () => {
    const last = 'chỉ tiêu tỷ lệ dịch vụ công trực tuyến mức độ 4 năm 2020 là bao nhiêu?';
    // "nv" is chat for "nhiệm vụ", two words
    for (const more of ['con gi nua ko?', 'còn gì nữa không bạn', 'còn chỉ tiêu nào khác nữa không?', 'còn nhiệm vụ nào nữa ko', 'còn nv nào nữa k?']) {
      expect(await question(more, last), more).toBe('more');
    }
  });

  it('forgets a chat\'s frame after ten minutes', () => {
    const frames = new Frames();
    frames.set('terminal:1:1', 'cổng GovTech bao giờ phải xong?', undefined, 0);
    expect(frames.get('terminal:1:1', 9 * 60_000)?.question).toBe('cổng GovTech bao giờ phải xong?');
    expect(frames.get('terminal:1:1', 11 * 60_000)).toBeUndefined();
  });
});

describe('follow-ups in the dialog', () => {
  it('asks a new subject said of what the message points back at beside the last question, and says when nothing speaks of it', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Năm 2021 VNPost phải chuyển đổi bao nhiêu điểm BĐ-VHX lên mô hình cấp quản lý thứ 4?', 'a1'));
    // "việc đó" is the BĐ-VHX conversion: no passage gives its cost, though some give other costs
    const { reply, answer } = await dialog.handle(msg('kinh phí cho việc đó là bao nhiêu?', 'a1'));
    expect(answer?.noAnswer).toBe(true);
    // (no passage beside it gives a sum of money: the figure asked is missing)
    expect(renderText(reply)).toMatch(/^Hiểu là: Năm 2021 VNPost phải chuyển đổi điểm BĐ-VHX .*kinh phí.*\n\nCác văn bản hiện có không nêu số liệu này\./);
    // the passage on the conversion gives a figure, but none of its staff
    await dialog.handle(msg('Năm 2021 VNPost phải chuyển đổi bao nhiêu điểm BĐ-VHX lên mô hình cấp quản lý thứ 4?', 'a3'));
    const staff = await dialog.handle(msg('số nhân viên cho việc đó là bao nhiêu?', 'a3'));
    expect(staff.answer?.noAnswer).toBe(true);
    expect(renderText(staff.reply)).toMatch(/\n\nCác văn bản hiện có không nêu số nhân viên cho nội dung này\./);
    // what the documents do say of it is answered: "nền tảng" of "nền tảng này" is the thing pointed at
    await dialog.handle(msg('Năm 2021 Nền tảng tích hợp, chia sẻ dữ liệu quốc gia NDXP đạt bao nhiêu giao dịch?', 'a2'));
    const target = await dialog.handle(msg('thế chỉ tiêu đặt ra từ đầu năm cho nền tảng này là bao nhiêu ạ?', 'a2'));
    expect(target.answer?.noAnswer).toBe(false);
    expect(renderText(target.reply).slice(0, 700)).toContain('20 triệu giao dịch');
  });

  it('asks a message pointing back at a unit of that unit: the one the last question named, else the one leading what it showed', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    // the unit named in the last question, in the document that question named
    await dialog.handle(msg('Cuc Bao chi trong giao ban quy I/2023 co phai huong dan co quan bao chi chuyen doi so ko', 'u1'));
    const named = await dialog.handle(msg('ngoài ra cục đó còn chủ trì việc j nữa', 'u1'));
    expect(named.reply.kind).toBe('list');
    expect(renderText(named.reply)).toMatch(/^Hiểu là: .*Cục Báo chí.*giao ban quy I\/2023/);
    expect(named.answer?.sources.map((s) => s.lineStart)).toContain(57);
    // no unit named: the one leading the task shown (ADGMIN: Vụ HTQT); "quý I" keeps the last question's year
    await dialog.handle(msg('hội nghị bộ trưởng số ASEAN (ADGMIN) năm 2021 bên nào lo, hạn khi nào', 'u2'));
    const led = await dialog.handle(msg('vụ đó còn việc gì khác cũng phải xong trong quý I ko', 'u2'));
    expect(renderText(led.reply)).toMatch(/^Hiểu là: Vụ Hợp tác quốc tế .*quý I\/2021/);
    expect(led.answer?.sources.map((s) => s.lineStart)).toEqual([485, 486, 487, 488]);
    // "vụ đó" after a task no Vụ leads is the matter, not a unit
    await dialog.handle(msg('Chiến lược dữ liệu quốc gia do đơn vị nào chủ trì xây dựng?', 'u3'));
    const matter = await dialog.handle(msg('vụ đó hạn khi nào', 'u3'));
    expect(renderText(matter.reply)).not.toMatch(/^Hiểu là: Vụ /);
    expect(renderText(matter.reply).slice(0, 700)).toContain('30/9/2021');
  });

  it('asks the last question of another unit, and the unit\'s own tasks there when no passage on the matter names it', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Giao ban quý I/2023 giao Cục Báo chí xây dựng kế hoạch gì?', 'v1'));
    const other = await dialog.handle(msg('còn Cục ATTT thì sao?', 'v1'));
    // the meeting's line 45: "Cục an toàn thông tin đẩy mạnh hoàn thiện … theo cấp độ", not the press office's plan again
    expect(other.answer?.noAnswer).toBe(false);
    expect(renderText(other.reply).slice(0, 700)).toContain('Cục an toàn thông tin');
    expect(other.answer?.sources[0]).toMatchObject({ doc: '002_3510211049161906.txt', lineStart: 45 });
    // a unit the meeting's news never names: nothing of the kind for it, not another unit's task
    const none = await dialog.handle(msg('còn Trung tâm Thông tin thì sao?', 'v1'));
    expect(none.answer?.noAnswer).toBe(true);
    expect(renderText(none.reply)).toMatch(/không nêu nội dung này cho Trung tâm Thông tin/);
    // the same unit named again is no switch: what it asks is asked of the same task
    const same = (await reader()).complete('đơn vị nào phối hợp với Cục ATTT việc đó?', 'Giao ban quý I/2023 yêu cầu Cục ATTT làm gì về an toàn hệ thống thông tin?');
    expect(same?.kind === 'question' && same.unit).toBeFalsy();
  });

  it('reads no unit in "nhiệm vụ đó", "vụ đó" asking when, a message naming its own unit, or "do" typed without diacritics', async () => {
    const reader = new FollowUpReader((await testAnswerer()).browser, undefined, vocabularyOf(await testAnswerer()));
    const adgmin = 'hội nghị bộ trưởng số ASEAN (ADGMIN) năm 2021 bên nào lo, hạn khi nào';
    const units = () => ['Vụ Hợp tác quốc tế'];
    expect(reader.unitReferred('nhiệm vụ đó hạn khi nào?', adgmin, units)).toBeUndefined();
    expect(reader.unitReferred('dịch vụ này thu phí bao nhiêu?', adgmin, units)).toBeUndefined();
    expect(reader.unitReferred('vụ đó hạn khi nào?', adgmin, units)).toBeUndefined();
    expect(reader.unitReferred('vụ đó còn việc gì khác', adgmin, units)).toMatch(/^Vụ Hợp tác quốc tế còn việc gì khác/);
    const press = 'Cuc Bao chi trong giao ban quy I/2023 co phai huong dan co quan bao chi chuyen doi so ko';
    const pressUnits = () => ['Cục Báo chí'];
    expect(reader.unitReferred('Cục Viễn thông năm 2023 chủ trì việc gì, cục này phối hợp với ai', press, pressUnits)).toBeUndefined();
    expect(reader.unitReferred('cac co quan do Bo quan ly phai lam gi', press, pressUnits)).toBeUndefined();
    expect(reader.unitReferred('cuc do con chu tri gi', press, pressUnits)).toMatch(/^Cục Báo chí con chu tri gi/);
    // "năm sau" is the year after the last question's
    expect(reader.unitReferred('năm sau cục đó chủ trì việc gì', 'Cục Viễn thông năm 2021 chủ trì việc gì', () => ['Cục Viễn thông']))
      .toBe('năm 2022 Cục Viễn thông chủ trì việc gì');
    // the Ministry typed with its ampersand names no subject either
    expect(await question('thế hồi 2020 Bộ TT&TT đặt bao nhiêu', 'Năm 2021 chỉ tiêu tỷ lệ sách xuất bản điện tử là bao nhiêu?'))
      .toBe('hồi 2020 chỉ tiêu tỷ lệ sách xuất bản điện tử là bao nhiêu');
  });

  it('keeps the answer to a subject said of what the message points back at when the wider question leads with a passage not speaking of it', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Theo Chỉ thị 01/CT-BTTTT năm 2023, đến 2025 cả nước có tối thiểu bao nhiêu địa phương có doanh thu công nghiệp CNS trên 1 tỷ USD?', 'n1'));
    const { reply, answer } = await dialog.handle(msg('con nhan luc nganh nay?', 'n1'));
    expect(answer?.noAnswer).toBe(false);
    expect(renderText(reply).slice(0, 700)).toContain('1.500.000 nhân lực');
  });

  it('leads with the clause on what a follow-up names of its own, not the one on what the last question asked', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Định hướng tới 2025 thì mảng bưu chính phấn đấu mỗi người dân dùng bao nhiêu bưu gửi?', 'f1'));
    // the report's line 197 names postal items per person first and the revenue last
    const { reply } = await dialog.handle(msg('Thế doanh thu BC khi đó dự kiến cỡ bao nhiêu?', 'f1'));
    expect(reply.kind === 'answer' && reply.lead.spans.map((x) => x.text).join('')).toContain('6 - 8 tỷ USD');
    // another sector is said by the section: its clause on the last question's measure still leads
    await dialog.handle(msg('Đến năm 2025 tốc độ tăng trưởng doanh thu lĩnh vực viễn thông trung bình là bao nhiêu?', 'f2'));
    const postal = await dialog.handle(msg('thế ngành bưu chính thì sao?', 'f2'));
    expect(renderText(postal.reply).slice(0, 700)).toContain('30%/năm');
  });

  it('asked who leads, leads with a hit among the first that names the unit when the best does not', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    // line 249 states the target without a unit; the ranking table's row (line 266) names the unit tracking it
    const first = await dialog.handle(msg('Năm 2021 chỉ tiêu nâng xếp hạng Chính phủ điện tử của UN do đơn vị nào chủ trì theo dõi?', 'l1'));
    expect(first.answer?.noAnswer).toBe(false);
    expect(first.answer?.sources[0]).toMatchObject({ doc: D2021, lineStart: 266 });
    expect(renderText(first.reply).slice(0, 700)).toContain('Cục Tin học hóa');
    const next = await dialog.handle(msg('đơn vị nào phối hợp?', 'l1'));
    expect(renderText(next.reply).slice(0, 700)).toContain('Cục Viễn thông');
    // after an answer the follow-up is about, another task's units are no answer: the documents name none for it
    await dialog.handle(msg('Giao ban quý I/2023 giao Cục Báo chí xây dựng kế hoạch triển khai chỉ thị nào về truyền thông chính sách?', 'l2'));
    expect((await dialog.handle(msg('phoi hop voi nhung don vi nao?', 'l2'))).answer?.noAnswer).toBe(true);
  });

  it('asks what another unit does of that unit alone, and knows Vụ KTS&XHS', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Năm 2021 Quỹ VTCI được giao sửa đổi quyết định nào về tổ chức và hoạt động của Quỹ?', 'k1'));
    const { reply } = await dialog.handle(msg('thế Cục BĐTƯ chủ trì việc gì', 'k1'));
    // the 2021 directive's table gives Cục BĐTƯ four tasks, the first due in February (line 341)
    expect(reply.kind).toBe('list');
    expect(renderText(reply)).toMatch(/^Hiểu là: Cục BĐTƯ Năm 2021 chủ trì việc gì/);
    expect(renderText(reply)).toContain('Đại hội Đảng toàn quốc lần thứ XIII');
    const reader = new FollowUpReader((await testAnswerer()).browser, undefined, vocabularyOf(await testAnswerer()));
    const c = reader.complete('còn Vụ KTS&XHS thì sao', 'Giao ban quý I/2023 giao Trung tâm Chứng thực điện tử quốc gia nghiên cứu phương án gì?');
    expect(c?.kind === 'question' && c.question).toBe('Giao ban quý I/2023 giao Vụ KTS&XHS nghiên cứu phương án gì');
  });

  it('answers "ở văn bản nào?" with the last answer\'s document, section and line, and keeps the frame', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const first = await dialog.handle(msg('Chi tieu so doanh nghiep cong nghe so tren mot nghin dan nam 2021 la bao nhieu?', 's1'));
    const lead = first.answer?.sources[0];
    expect(lead?.doc).toBe(D2021);
    const where = await dialog.handle(msg('chi tieu nay o van ban nao?', 's1'));
    const text = renderText(where.reply);
    expect(text).toMatch(/^Hiểu là: nguồn của câu trả lời/);
    expect(text).toContain('Chỉ thị 01/CT-BTTTT ngày 11/01/2021');
    // cited with the appendix's opening, which names the directive, and the lead passage itself
    const cited = where.answer?.sources.map((s) => `${s.doc}:${s.lineStart}`) ?? [];
    expect(cited).toContain(`${D2021}:219`);
    expect(cited.at(-1)).toBe(`${lead?.doc}:${lead?.lineStart}`);
    // the document named is the one the answer led with, not the first search hit's
    const first2 = await dialog.handle(msg('Nhiệm vụ chưa có hạn thì mấy ngày phải đề xuất thời hạn?', 's4'));
    const leadDoc = first2.reply.kind === 'answer' ? first2.reply.lead.citation.doc : '';
    const where2 = await dialog.handle(msg('nằm trong văn bản nào?', 's4'));
    expect(leadDoc).not.toBe('');
    expect(where2.answer?.sources.at(-1)?.doc).toBe(leadDoc);
    expect(renderText(where2.reply)).toContain(`Tệp ${leadDoc}`);
    // after a list, the documents its rows come from
    await dialog.handle(msg('Cục Viễn thông năm 2021 chủ trì việc gì', 's5'));
    const listed = await dialog.handle(msg('ở văn bản nào?', 's5'));
    expect(renderText(listed.reply)).toContain('Chỉ thị 01/CT-BTTTT ngày 11/01/2021');
    expect(listed.answer?.sources.map((x) => x.doc)).toEqual([D2021]);
    // the frame stays: a year after it is asked of the last question
    const next = await dialog.handle(msg('còn năm 2025?', 's1'));
    expect(renderText(next.reply)).toMatch(/^Hiểu là: .*doanh nghiep cong nghe so.*2025/i);
    // "chỉ thị nào" inside a question asks which directive, not where the answer is written
    const reader = new FollowUpReader((await testAnswerer()).browser, undefined, vocabularyOf(await testAnswerer()));
    const c = reader.complete('phối hợp với những đơn vị nào?', 'Giao ban quý I/2023 giao Cục Báo chí xây dựng kế hoạch triển khai chỉ thị nào về truyền thông chính sách?');
    expect(c?.kind === 'question' && c.question).toContain('chỉ thị nào');
  });

  it('reads what a request for more names: the kind and subject, not the words asking for more', async () => {
    const reader = new FollowUpReader((await testAnswerer()).browser, undefined, vocabularyOf(await testAnswerer()));
    expect(reader.moreNamed('còn chỉ tiêu nào nữa cho bưu chính ko?')).toBe('chỉ tiêu bưu chính');
    expect(reader.moreNamed('còn gì nữa không?')).toBe('');
    // a province's name and a word of the documents' pairs hold no closing word ("ha" of "ha noi", "thế" of "thế giới")
    expect(reader.moreNamed('con chi tieu nao nua cho ha noi khong')).toContain('ha noi');
    expect(reader.moreNamed('còn nhiệm vụ nào khác về thế giới số không')).toBe('nhiệm vụ thế giới số');
  });

  it('lists what a request for more names, in the last question\'s document and year, when the last list is all shown', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const first = await dialog.handle(msg('Chỉ thị 01/CT-BTTTT năm 2021 có chỉ tiêu gì về điểm phục vụ bưu chính xã?', 'w1'));
    expect(first.reply.kind).toBe('list');
    const shown = first.reply.kind === 'list' ? first.reply.entries.length : 0;
    const { reply } = await dialog.handle(msg('còn chỉ tiêu nào nữa cho bưu chính không?', 'w1'));
    expect(renderText(reply)).toMatch(/^Hiểu là: chỉ tiêu bưu chính năm 2021 theo Chỉ thị 01\/CT-BTTTT \(2021\)/);
    expect(reply.kind === 'list' && reply.entries.length).toBeGreaterThan(shown);
    expect(renderText(reply)).toContain('ít nhất 30%');
    // asked for more with nothing named, the list is all shown: said so
    await dialog.handle(msg('Chỉ thị 01/CT-BTTTT năm 2021 có chỉ tiêu gì về điểm phục vụ bưu chính xã?', 'w2'));
    expect(renderText((await dialog.handle(msg('còn gì nữa không?', 'w2'))).reply)).toMatch(/^Không còn mục nào khác/);
  });

  it('reads a noun naming a sum of money as asking for one, and a passage giving one as speaking of it', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Theo Nghị quyết 84/NQ-CP, Bộ TT&TT đã đặt hàng bao nhiêu cơ quan báo chí tuyên truyền về phòng, chống Covid-19?', 'm1'));
    // the passage says "với số tiền là 45 tỷ đồng", not "kinh phí"
    const { reply } = await dialog.handle(msg('kinh phí bao nhiêu vậy?', 'm1'));
    expect(renderText(reply)).toMatch(/^Hiểu là: Theo Nghị quyết 84\/NQ-CP.*kinh phí/);
    expect(renderText(reply).slice(0, 700)).toContain('45 tỷ đồng');
    const app = await testAnswerer();
    expect(figuresAsked(app.engine.search('kinh phí xây dựng cổng dữ liệu là bao nhiêu').question)).toEqual([{ kind: 'amount', units: ['dong', 'usd'] }]);
    // a share of a sum is asked as a share
    expect(figuresAsked(app.engine.search('tỷ lệ kinh phí chi cho an toàn thông tin là bao nhiêu').question)).toEqual([{ kind: 'amount', units: [], share: true }]);
  });

  it('says plainly when a follow-up asks where and the documents say nowhere', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Hội nghị toàn thể Ủy ban Tần số VTĐ lần thứ 33 dự kiến tổ chức vào thời gian nào?', 'p1'));
    const { reply, answer } = await dialog.handle(msg('tổ chức ở đâu vậy?', 'p1'));
    expect(answer?.noAnswer).toBe(true);
    expect(renderText(reply)).toContain('Các văn bản hiện có không nêu địa điểm cho nội dung này.');
    // a passage naming a province, or a capitalised name after "tại", says where
    const app = await testAnswerer();
    const at = (line: number, doc = '004_1f5fb79ec9fc1a3e.txt') => app.corpus.passages.find((p) => p.doc === doc && p.lineStart === line)!;
    expect(saysPlace(at(1898))).toBe(true); // "Hải Phòng 37%, Ninh Thuận 33%, Hà Nội 29% …"
    expect(saysPlace(at(209))).toBe(false); // "Xếp hạng chỉ số phát triển bưu chính trong nhóm 40 nước …"
  });

  it('answers a follow-up from the frame and says how it was understood', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('cổng GovTech bao giờ phải xong?', 'f1'));
    const { reply, answer } = await dialog.handle(msg('ai chủ trì?', 'f1'));
    const text = renderText(reply);
    expect(text).toMatch(/^Hiểu là: cổng GovTech ai chủ trì\n/);
    expect(text.slice(0, 200)).toContain('Cục THH');
    expect(answer?.sources[0]).toMatchObject({ doc: D2021, lineStart: 360 });
  });

  it('keeps each user\'s frame apart in a group, and a new question starts a new frame', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Cục Viễn thông chủ trì những việc gì', 'group', 'u1'));
    await dialog.handle(msg('tỷ lệ hồ sơ trực tuyến toàn trình năm 2023 là bao nhiêu', 'group', 'u2'));
    expect(renderText((await dialog.handle(msg('còn Cục Tần số thì sao?', 'group', 'u1'))).reply)).toMatch(/^Hiểu là: Cục Tần số chủ trì những việc gì/);
    const later = await dialog.handle(msg('còn năm 2025?', 'group', 'u2'));
    expect(renderText(later.reply)).toMatch(/^Hiểu là: tỷ lệ hồ sơ trực tuyến toàn trình năm 2025 là bao nhiêu/);
    expect(later.answer?.sources.some((s) => s.doc === D2023)).toBe(true);
  });

  it('lists the other items of the list the last answer came from when asked for more', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const first = await dialog.handle(msg('Năm 2023 lĩnh vực bưu chính có nhiệm vụ xây dựng Cổng dữ liệu bưu chính không?', 'f4'));
    expect(first.answer?.sources[0]).toMatchObject({ doc: D2023, lineStart: 30 });
    const more = renderText((await dialog.handle(msg('còn gì nữa không?', 'f4'))).reply);
    expect(more).toMatch(/^Thêm trong Chỉ thị 01\/CT-BTTTT \(2023\)/);
    expect(more).toContain('(dòng 31)');
    expect(more).not.toContain('(dòng 30)');
  });

  it('answers who takes part from what the last answer showed, or says the documents name no one', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    // the 2021 directive's index table (line 266) has a cooperating column
    await dialog.handle(msg('Mục tiêu 2021 nâng xếp hạng Chính phủ điện tử của LHQ tăng mấy bậc, đơn vị nào chủ trì theo dõi?', 'c1'));
    const table = await dialog.handle(msg('phối hợp với đơn vị nào?', 'c1'));
    expect(table.answer?.sources[0]).toMatchObject({ doc: D2021, lineStart: 266 });
    expect(renderText(table.reply).slice(0, 500)).toContain('Đơn vị phối hợp: Cục Viễn thông');
    // a sentence naming the units taking part leads with that clause
    await dialog.handle(msg('Giao ban quý 1/2023 giao Vụ KHTC rà soát sửa quy định về định mức kinh tế kỹ thuật cho báo chí phải không?', 'c2'));
    const sentence = renderText((await dialog.handle(msg('đơn vị nào phối hợp?', 'c2'))).reply);
    expect(sentence.slice(0, 300)).toContain('phối hợp Cục Báo chí, Cục PTTH&TTĐT');
    // the 2023 meeting names Cục Báo chí leading the plan for Directive 07 and no one beside it
    await dialog.handle(msg('Cục Báo chí chủ trì xây dựng kế hoạch triển khai Chỉ thị 07/CT-TTg về nội dung gì?', 'c3'));
    const none = await dialog.handle(msg('phoi hop voi nhung don vi nao?', 'c3'));
    expect(none.answer?.noAnswer).toBe(true);
    expect(renderText(none.reply)).toMatch(/^Hiểu là: .*\n\nVăn bản không ghi đơn vị phối hợp cho việc này\./);
  });

  it('asks another year of the other documents when the document the last question named says nothing of it', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Chỉ thị 01 năm 2021: tỷ lệ sách xuất bản điện tử trên số đầu sách phải đạt bao nhiêu?', 'y1'));
    const { reply, answer } = await dialog.handle(msg('Còn năm 2020 đặt mục tiêu mấy?', 'y1'));
    const text = renderText(reply);
    // the 2020 report's line 73 gives the 2020 targets; asked a share, its figures in per cent lead
    expect(text).toMatch(/^Hiểu là: tỷ lệ sách xuất bản điện tử trên số đầu sách phải đạt bao nhiêu năm 2020 \(văn bản đã nêu không có số liệu năm này; theo văn bản khác\)\n\nkhoảng 20% vào năm 2020 và 7-8% vào năm 2020/);
    expect(answer?.sources[0]).toMatchObject({ doc: '001_b72b27d90a69d2ec.txt', lineStart: 73 });
  });

  it('asks of a unit\'s other tasks in a period with "còn", "khác", "cũng" naming nothing', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('hội nghị bộ trưởng số ASEAN (ADGMIN) năm 2021 bên nào lo, hạn khi nào', 'k1'));
    const { answer } = await dialog.handle(msg('vụ đó còn việc gì khác cũng phải xong trong quý I ko', 'k1'));
    expect(answer?.noAnswer).toBe(false);
    expect(answer?.sources.some((s) => s.doc === D2021 && s.lineStart === 486)).toBe(true);
  });

  it('asks another measure of the last question\'s subject beside it, and says so', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Mục tiêu doanh thu viễn thông năm 2025 là bao nhiêu?', 'm1'));
    const text = renderText((await dialog.handle(msg('tốc độ tăng trưởng mỗi năm bao nhiêu?', 'm1'))).reply);
    // the 2023 directive's telecom line: "tốc độ tăng trưởng 8% - 10% …, 25 tỷ USD vào năm 2025"
    expect(text).toMatch(/^Hiểu là: doanh thu viễn thông năm 2025 tốc độ tăng trưởng mỗi năm bao nhiêu\n\n8% - 10% vào năm 2025/);
    // a question of its own, answered alone from another part of the documents, stays alone
    const alone = await dialog.handle(msg('ai chủ trì chiến lược dữ liệu quốc gia', 'm1'));
    expect(alone.reply.understood).toBeUndefined();
    expect(renderText(alone.reply)).toMatch(/^Cục THH chủ trì/);
  });

  it('asks a message beside the last subject when that answer says more of the subject than the message alone', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Năm 2023 có nhiệm vụ gì về sửa đổi Luật Báo chí?', 'm1'));
    const reply = (await dialog.handle(msg('khi nào trình QH thông qua?', 'm1'))).reply;
    // alone, "trình Quốc hội thông qua" leads with the Law on Radio Frequencies (2022); beside the Press Law,
    // with the 2023 directive's line on it ("QH" read as "Quốc hội")
    expect(reply.understood).toContain('Luật Báo chí');
    expect(renderText(reply)).toMatch(/Luật Báo chí trong năm 2025/);
  });

  it('asks a new measure beside the whole last question when that answer says more of the last subject', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Hết năm 2020 ngành xuất bản phấn đấu ra được bao nhiêu đầu sách?', 'm1'));
    const reply = (await dialog.handle(msg('còn số bản sách?', 'm1'))).reply;
    // "số bản sách" alone finds another year's book figures; beside the publishing target of 2020, its line
    expect(reply.understood).toContain('xuất bản');
    expect(renderText(reply)).toContain('400 triệu bản sách');
  });

  it('shows the other targets of the lead\'s section when asked for other targets', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('chi tieu ATTT 2021: ty le co quan khac phuc lo hong do Bo TTTT canh bao dat bao nhieu?', 'f7'));
    const { reply, answer } = await dialog.handle(msg('còn chỉ tiêu nào nữa ko', 'f7'));
    const text = renderText(reply);
    // the 2021 directive's section 2.4 states two targets on its line 89, each shown, and not the one answered (line 85)
    expect(text).toMatch(/^Thêm trong Chỉ thị 01\/CT-BTTTT \(2021\) › 2\.4\. Lĩnh vực An toàn, an ninh mạng/);
    expect(text).toContain('mô hình 4 lớp');
    expect(text).toContain('25% đến 30%');
    expect(text).not.toContain('(dòng 85)');
    expect(answer?.sources.every((s) => s.doc === D2021)).toBe(true);
  });

  it('reads a sector\'s short form after the word heading it ("lĩnh vực BC")', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const { reply } = await dialog.handle(msg('Nhiệm vụ trọng tâm năm 2023 của lĩnh vực BC gồm những gì?', 'f8'));
    expect(renderText(reply)).toMatch(/^Lĩnh vực Bưu chính năm 2023: \d+ mục/);
    // alone, "BC" names no sector
    expect((await testAnswerer()).browser.sectorsIn(['bc', 'nam', '2021'])).toBeUndefined();
  });

  it('answers another sector from its own part of the documents, else asks the last question of the sector alone', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Đến năm 2025 tốc độ tăng trưởng doanh thu lĩnh vực viễn thông trung bình là bao nhiêu?', 's1'));
    const postal = renderText((await dialog.handle(msg('còn ngành bưu chính?', 's1'))).reply);
    expect(postal).toMatch(/^Hiểu là: Đến năm 2025 tốc độ tăng trưởng doanh thu lĩnh vực bưu chính/);
    expect(postal.slice(0, 700)).toContain('30%/năm');
    // the share of Internet users is telecom's: the press sector has none, its targets are listed instead
    await dialog.handle(msg('Năm 2021 lĩnh vực viễn thông có chỉ tiêu tỷ lệ người sử dụng Internet là bao nhiêu?', 's2'));
    const press = renderText((await dialog.handle(msg('thế ngành báo chí thì sao?', 's2'))).reply);
    expect(press).toMatch(/^Hiểu là: ngành báo chí Năm 2021 chỉ tiêu là bao nhiêu/);
    expect(press).not.toContain('71%');
    // "đầu sách" (book titles) is publishing's own: the security targets of the report are listed instead
    await dialog.handle(msg('Báo cáo 6 tháng cuối năm 2020 đặt mục tiêu xuất bản bao nhiêu đầu sách?', 's4'));
    const security = await dialog.handle(msg('thế còn an toàn, an ninh mạng?', 's4'));
    expect(security.reply.kind === 'list' && security.reply.title).toMatch(/chỉ tiêu về lĩnh vực An toàn thông tin mạng/);
    // no target of the postal sector for 2023: its list for 2023, not the domain-name target asked before
    await dialog.handle(msg('Chỉ thị 2023 đặt mục tiêu tên miền .vn hết năm 2023 bao nhiêu?', 's3'));
    const listed = await dialog.handle(msg('còn ngành bưu chính?', 's3'));
    expect(listed.reply.kind === 'list' && listed.reply.title).toMatch(/^Lĩnh vực Bưu chính năm 2023/);
  });

  it('keeps the whole last question beside a new subject when the subject alone finds nothing', async () => {
    const c = (await reader()).complete('còn nhân lực thì sao?', 'Đến 2025, tỷ lệ đóng góp của công nghiệp công nghệ số vào GDP là bao nhiêu?');
    expect(c).toMatchObject({ kind: 'question', question: 'nhân lực Đến 2025 là bao nhiêu' });
    expect(c?.kind === 'question' && c.wider).toBe('Đến 2025, tỷ lệ đóng góp của công nghiệp công nghệ số vào GDP nhân lực là bao nhiêu');
  });

  it('takes the whole last question beside a new subject only from a passage that speaks of the subject', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Chỉ thị 2023 đặt mục tiêu đến năm 2025 hạ tầng điện toán đám mây chiếm bao nhiêu thị phần?', 'w1'));
    // the cloud's share again would answer nothing about IPv6
    const { reply, answer } = await dialog.handle(msg('còn IPv6?', 'w1'));
    expect(answer?.noAnswer).toBe(true);
    expect(renderText(reply)).toMatch(/^Hiểu là: IPv6 /);
  });

  it('reads a sector\'s short form typed alone after a question on that sector as the sector, and "khi đó" as pointing back', async () => {
    const last = 'Định hướng tới 2025 thì mảng bưu chính phấn đấu mỗi người dân dùng bao nhiêu bưu gửi?';
    const understood = await question('Thế doanh thu BC khi đó dự kiến cỡ bao nhiêu?', last);
    expect(understood).toContain('doanh thu bưu chính');
    expect(understood).not.toMatch(/\bBC\b|khi/);
    // after a question on another sector "BC" is left as typed
    expect(await question('Thế doanh thu BC khi đó dự kiến cỡ bao nhiêu?', 'Đến 2025 doanh thu viễn thông đạt bao nhiêu?')).toContain('BC');
  });

  it('reads the country named in a follow-up as no subject of its own', async () => {
    const understood = await question('the nam 2020 VN dang xep thu may?', 'Phụ lục Chỉ thị 2021 đặt mục tiêu xếp hạng Chính phủ điện tử của LHQ năm 2021 tăng bao nhiêu bậc?');
    expect(understood).toContain('Chính phủ điện tử');
    expect(understood).not.toContain('VN');
  });

  it('asks the last question of a level or a place named with "xuống tới", "ở", which name nothing', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Đến 2025 hồ sơ công việc cấp bộ, tỉnh phải xử lý trên môi trường mạng bao nhiêu %?', 'x1'));
    const { reply, answer } = await dialog.handle(msg('xuống tới cấp xã thì bao nhiêu?', 'x1'));
    expect(answer?.noAnswer).toBe(false);
    expect(answer?.sources[0]).toMatchObject({ doc: REPORT, lineStart: 541 });
    expect(renderText(reply)).toContain('60% hồ sơ công việc tại cấp xã');
  });

  it('pages a list when asked for more in words', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const first = await dialog.handle(msg('việc gì hạn Quý IV/2021', 'f3'));
    expect(first.reply.kind === 'list' && first.reply.page).toBe(0);
    const more = await dialog.handle(msg('còn gì nữa không?', 'f3'));
    expect(more.reply.kind === 'list' && more.reply.page).toBe(1);
    // a list shown whole: said so, with its page again
    await dialog.handle(msg('Nhiệm vụ trọng tâm năm 2023 của lĩnh vực bưu chính gồm những gì?', 'f9'));
    const all = await dialog.handle(msg('con gi nua ko?', 'f9'));
    expect(renderText(all.reply)).toMatch(/^Không còn mục nào khác\. Lĩnh vực Bưu chính năm 2023: \d+ mục/);
    expect(renderText(all.reply)).toContain('Diễn đàn hợp tác và phát triển bưu chính Việt Nam 2023');
  });
});

describe('chat and junk', () => {
  const knows = async () => {
    const app = await testAnswerer();
    return new SmallTalkReader((w) => app.corpus.vocabulary.has(w));
  };

  it('knows greetings, thanks and goodbyes, and asking what the bot can do, among a few words around them', async () => {
    const r = await knows();
    expect(r.chat('xin chào')).toBe('greeting');
    expect(r.chat('cam on ban nhieu nhe')).toBe('thanks');
    expect(r.chat('ok')).toBe('acknowledgement');
    expect(r.chat('tạm biệt nhé')).toBe('goodbye');
    expect(r.chat('Chào bạn, bạn giúp được gì cho tôi?')).toBe('capabilities');
    expect(r.chat('chào mừng ngày sách Việt Nam')).toBeUndefined();
    expect(r.chat('cảm ơn, còn năm 2025?')).toBeUndefined();
  });

  it('takes a message with no word the documents use for junk, but not a topic or a year', async () => {
    const r = await knows();
    for (const junk of ['asdfgh', '😀😀👍', '???', '12345', '<b>x</b>', 'https://mic.gov.vn', 'kkkkkkk']) expect(r.junk(junk), junk).toBe(true);
    for (const text of ['5G', 'cds 2021', '2025', 'chuyển đổi số']) expect(r.junk(text), text).toBe(false);
  });

  it('reads no short word that is no Vietnamese syllable as a typo in a message of junk ("test" is no "tết")', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const junk = await dialog.handle(msg('asdf ??? 123 test', 'j1'));
    expect(renderText(junk.reply)).toMatch(/^Tôi chưa hiểu tin nhắn này/);
    expect(junk.answer?.sources ?? []).toEqual([]);
    // a longer one is still read as the word it is a typo of
    const typo = await dialog.handle(msg('smartphon', 'j2'));
    expect(renderText(typo.reply)).not.toMatch(/^Tôi chưa hiểu tin nhắn này/);
  });

  it('sets the chat before a question aside, and asks what a bare ask or "tiếp" is about', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const greeted = await dialog.handle(msg('chào bạn, ai chủ trì Cổng GovTech?', 'c2'));
    expect(renderText(greeted.reply)).toMatch(/^Cục THH chủ trì/);
    const polite = await dialog.handle(msg('cho em hỏi cổng GovTech bao giờ phải xong', 'c2'));
    expect(renderText(polite.reply)).toMatch(/^30\/6\/2021/);
    const thanked = await dialog.handle(msg('cảm ơn, còn ai chủ trì?', 'c2'));
    expect(renderText(thanked.reply)).toMatch(/^Hiểu là: cổng GovTech bao giờ phải xong ai chủ trì|^Hiểu là: cổng GovTech ai chủ trì/);
    for (const text of ['ai chủ trì?', 'tiếp']) {
      const { answer, reply } = await dialog.handle(msg(text, `fresh-${text}`));
      expect(answer?.noAnswer, text).toBe(true);
      expect(renderText(reply), text).toMatch(/^(Bạn hỏi về việc nào|Chưa có câu trả lời nào)/);
    }
  });

  it('reads a follow-up after chat with no comma between, and a question after chat and a polite opener', async () => {
    const r = await knows();
    expect(r.withoutLeadingChat('vâng còn bưu chính thì sao')).toBe('còn bưu chính thì sao');
    expect(r.withoutLeadingChat('ok cảm ơn')).toBeUndefined();
    expect(r.withoutChat('dạ cho em hỏi cổng GovTech bao giờ xong')).toBe('cổng GovTech bao giờ xong');
    // "chào mừng" opens on no greeting the question goes without
    expect(r.withoutChat('chào mừng ngày sách Việt Nam')).toBe('chào mừng ngày sách Việt Nam');
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    await dialog.handle(msg('Mục tiêu phủ sóng 5G năm 2025?', 'c3'));
    expect(renderText((await dialog.handle(msg('ok thế năm 2024 thì sao bạn', 'c3'))).reply)).toMatch(/^Hiểu là: Mục tiêu phủ sóng 5G năm 2024\n/);
  });

  it('replies to chat and junk without a search, saying what the bot can do', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    for (const text of ['xin chào', 'asdfgh']) {
      const { reply, answer } = await dialog.handle(msg(text, 'c1'));
      expect(answer?.noAnswer).toBe(true);
      expect(answer?.sources).toEqual([]);
      expect(renderText(reply)).toContain('chỉ thị, báo cáo của Bộ Thông tin và Truyền thông');
    }
  });
});

describe('questions the documents do not answer', () => {
  it('reads a question\'s words typed with a letter or a tone mark missing as the words meant', async () => {
    const app = await testAnswerer();
    // "tiu" is "tiêu" with its vowel missing; "vê", "đên" are "về", "đến" without their tone marks
    for (const q of ['mục tiu về tỷ lệ sách điện tử năm 2021 là bao nhiêu', 'mục tiêu vê IPv6 đên năm 2025 là gì']) {
      const a = app.answer(q);
      expect(a.noAnswer, q).toBe(false);
    }
    const ipv6 = app.answer('mục tiêu vê IPv6 đên năm 2025 là gì').reply;
    expect(ipv6.kind === 'answer' && ipv6.lead.spans.map((x) => x.text).join('')).toContain('IPv6');
    // other syllables the documents lack are words of their own, not typos of ones they use: "hôm" is no
    // "nhóm", "gạo" no "giao", "bốn" no "buồn"; so "giá gạo" is no question about "giao"
    for (const w of ['hom', 'gao', 'bon', 'hat', 'vip']) expect(app.engine.correct(w), w).toBe(w);
    expect(app.answer('gia gao nam 2023 bao nhieu').noAnswer).toBe(true);
    // "vé" is a word of its own, not "về" without its tone mark; "vê" is
    const content = (q: string) => app.engine.search(q).question.content.map((t) => t.accented ?? t.folded);
    expect(content('giá vé dịch vụ 5G')).toContain('vé');
    expect(content('mục tiêu vê IPv6')).not.toContain('vê');
    // chat spellings of question and function words ("đc", "bao nhiu") are read as those words, not as typos of others
    const chat = 'Năm 2021 đã cấp đổi đc bao nhiu thẻ nhà báo kì hạn 2021-2025 rồi?';
    expect(content(chat)).not.toContain('đc');
    expect(app.engine.search(chat).question.content.map((t) => t.folded)).not.toContain('nhu');
    expect(app.answer(chat).noAnswer).toBe(false);
  });

  it('answers a company typed with a capital only from a paragraph naming it', async () => {
    const app = await testAnswerer();
    // the documents give no Viettel profit plan for 2023; a passage on CMC's plans for 2022-2025 is no answer
    expect(app.answer('KH lợi nhuận năm 2023 của Tập đoàn Viettel là bn nghìn tỷ?').noAnswer).toBe(true);
    // a name in the first sentence of a paragraph is held by every passage cut from it
    const a = app.answer('doanh nghiep nao lap dat he thong kham chua benh tu xa Telehealth cho 328 co so y te tuyen huyen');
    expect(a.noAnswer).toBe(false);
    expect(renderText(a.reply).slice(0, 700)).toContain('Viettel');
  });

  it('reads a word shaped like no Vietnamese syllable as foreign', () => {
    for (const w of ['xang', 'tiet', 'nghieng', 'quyen', 'banh']) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ['case', 'event', 'flan', 'schedule', 'vietcombank']) expect(isVietnameseSyllable(w), w).toBe(false);
  });

  it('counts a Vietnamese word the documents never use against answering, not an English one', async () => {
    const app = await testAnswerer();
    // "xăng" is in no document: the passages sharing "giá" and "95" do not answer
    expect(app.answer('Giá xăng RON 95 hôm nay bao nhiêu một lít?').noAnswer).toBe(true);
    // "timeline" is English for what the documents say with a date: the question is still answered
    expect(app.answer('Cổng GovTech có timeline hoàn thành khi nào?').noAnswer).toBe(false);
  });
});

describe('a year asked about', () => {
  it('leaves out years of reference', () => {
    expect(ownYears('Kết quả lớp 1 đạt 73,5% thị phần, cao hơn so với năm 2020')).toEqual([]);
    expect(ownYears('Năm 2021, doanh thu tăng 10% so với cùng kỳ năm 2020')).toEqual([2021]);
    expect(ownYears('giai đoạn 2024 - 2025')).toEqual([2024, 2025]);
  });

  it('is not answered by a target for another year', async () => {
    const app = await testAnswerer();
    const for2025 = app.answer('mục tiêu doanh thu ngành trò chơi điện tử năm 2025 là bao nhiêu');
    expect(for2025.noAnswer).toBe(false);
    expect(renderText(for2025.reply).slice(0, 300)).toContain('800 triệu USD');
    // the same passage says "đến năm 2025": it is no target for 2030
    expect(app.answer('mục tiêu doanh thu ngành trò chơi điện tử năm 2030 là bao nhiêu').noAnswer).toBe(true);
  });
});

describe('a topic alone', () => {
  it('gets an overview of the targets and tasks on it, newest document first, and how to ask more precisely', async () => {
    const app = await testAnswerer();
    for (const q of ['5G', '5g thì sao']) {
      const a = app.answer(q);
      expect(a.reply.kind).toBe('list');
      expect(renderText(a.reply)).toMatch(/^Tổng quan về "5g": \d+ chỉ tiêu, \d+ nhiệm vụ/);
      expect(a.sources[0]).toMatchObject({ doc: D2023, lineStart: 64 });
      expect(renderText(a.reply)).toContain('Hỏi cụ thể hơn');
    }
  });

  it('lists a sector\'s priorities when the topic is a sector, for the year given', async () => {
    const a = (await testAnswerer()).answer('cds 2021');
    expect(a.reply.kind).toBe('list');
    expect(renderText(a.reply)).toMatch(/^Lĩnh vực .*Chuyển đổi số năm 2021/);
  });

  it('is not read into a question that asks something', async () => {
    const browser = (await testAnswerer()).browser;
    expect(browser.topic('hạn trình luật viễn thông')).toBeUndefined();
    expect(browser.topic('5G năm 2025 bao nhiêu')).toBeUndefined();
    expect(browser.topic('Cục Viễn thông')).toBeUndefined();
  });
});

describe('a question that names a document', () => {
  it('is answered from that document', async () => {
    const a = (await testAnswerer()).answer('Chỉ thị năm 2021 đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số đến 2025');
    expect(renderText(a.reply)).toMatch(/^từ 70 đến 100 ngàn doanh nghiệp vào năm 2025/);
    expect(a.sources[0]).toMatchObject({ doc: D2021, lineStart: 99 });
  });

  it('naming two, asks what each says, as a comparison does; a kind typed short counts with its year or title words', async () => {
    const app = await testAnswerer();
    for (const q of ['Mục tiêu IDI năm 2025 ở chỉ thị 2023 và báo cáo tổng kết 2021', 'Mục tiêu IDI năm 2025 ở CT 2023 và BC tổng kết 2021 có khác nhau ko?']) {
      const named = app.browser.documentsNamed(q);
      expect(named && { docs: [...named.docs].sort(), mentions: named.mentions }, q).toEqual({ docs: [D2023, REPORT], mentions: 2 });
      const a = app.answer(q);
      expect(a.noAnswer, q).toBe(false);
      // the 2021 report's year is the document's, not a year asked: both documents' values for 2025 are shown
      expect(a.sources.map((s) => s.doc).sort(), q).toEqual([D2023, REPORT]);
    }
    // "BC" alone is more often bưu chính than a report
    expect(app.browser.documentsNamed('theo dõi doanh thu BC 2021')).toBeUndefined();
  });

  it('is named by its kind and year wherever they stand ("Phụ lục I chỉ thị 2021, …")', async () => {
    const app = await testAnswerer();
    expect(app.browser.documentsNamed('Trong Phụ lục I chỉ thị 2021, Cục PTTH&TTĐT chủ trì những chỉ tiêu nào')?.docs).toEqual(new Set([D2021]));
    const request = app.browser.read('Trong Phụ lục I chỉ thị 2021, Cục PTTH&TTĐT chủ trì những chỉ tiêu nào');
    // the unit's targets alone: who leads is no task asked
    expect(request).toMatchObject({ kind: 'unit', docs: [D2021], subject: { groups: [] }, targetsOnly: true });
    const listed = app.answer('Trong Phụ lục I chỉ thị 2021, Cục Viễn thông chủ trì những chỉ tiêu nào?');
    expect(renderText(listed.reply)).toMatch(/^Cục Viễn thông chủ trì 9 chỉ tiêu/);
    expect(app.browser.read('Cục Viễn thông chủ trì những nhiệm vụ, chỉ tiêu nào')).not.toHaveProperty('targetsOnly');
    // a kind typed short counts with title words; a kind after a function word is a verb
    expect(app.browser.documentsNamed('So sánh xếp hạng GCI giữa CT 01/2021, BC tổng kết 2021 và CT 01/2023')?.mentions).toBe(3);
    expect(app.browser.documentsNamed('những việc nào phải báo cáo năm 2021')).toBeUndefined();
  });

  it('is named after "sau" or "kết luận", and its period is then no deadline asked', async () => {
    const app = await testAnswerer();
    const D_MEETING = '002_3510211049161906.txt';
    for (const q of ['Sau giao ban quý I/2023 Cục Báo chí chủ trì việc gì?', 'theo kết luận giao ban quý I/2023 Cục Báo chí chủ trì việc gì?']) {
      expect(app.browser.documentsNamed(q)?.docs, q).toEqual(new Set([D_MEETING]));
      const request = app.browser.read(q);
      expect(request, q).toMatchObject({ kind: 'unit', unit: 'Cục Báo chí', docs: [D_MEETING] });
      expect(request, q).not.toHaveProperty('period');
    }
  });

  it('is not scoped by a kind of document it asks about ("Chỉ thị về …" to be drafted)', async () => {
    expect((await testAnswerer()).browser.documentsNamed('Chỉ thị về đẩy mạnh phát triển Chính phủ số dự kiến trình Thủ tướng lúc nào?')).toBeUndefined();
  });
});

