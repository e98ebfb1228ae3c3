/**
 * Whether the documents answer: the general rules of src/search/answerability.ts, on sentences and
 * questions written for these tests (not the eval sets), and end to end over the real seeds.
 */
import { describe, expect, it } from 'vitest';
import { askedYears, ownYears, withoutCitations, withoutCitedYears } from '../src/search/answerability.js';
import { understand } from '../src/search/understand.js';
import { yearsIn } from '../src/text/analyzer.js';
import { testAnswerer } from './helpers.js';

async function ask(q: string) {
  const app = await testAnswerer();
  return app.answer(q);
}

describe('years of what a passage cites are not years it speaks of', () => {
  it('leaves out a cited document’s number, date and issuer', () => {
    const text = 'Theo Quyết định số 123/QĐ-TTg ngày 05/4/2018 của Thủ tướng Chính phủ, năm 2021 đã hoàn thành 40 nhiệm vụ.';
    expect(yearsIn(withoutCitations(text))).toEqual([2021]);
  });

  it('leaves out a cited document’s name, commas and all, up to the end of the sentence', () => {
    const text = 'Triển khai Nghị quyết số 12/NQ-CP ngày 02/3/2017 của Chính phủ về một số giải pháp, nhiệm vụ giai đoạn 2017 - 2018, định hướng đến 2020. Năm 2022 tiếp tục.';
    expect(yearsIn(withoutCitations(text))).toEqual([2022]);
  });

  it('leaves out a year inside a document number', () => {
    expect(yearsIn(withoutCitations('Sửa đổi Thông tư số 11/2016/TT-BTTTT trong năm 2023'))).toEqual([2023]);
  });

  it('keeps dates and periods that are no citation', () => {
    expect(yearsIn(withoutCitations('Ngày 13/01/2021, tổ chức hội nghị; 10/63 tỉnh; giai đoạn 2022 - 2025'))).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('leaves out a plan’s horizon and the period in a plan’s name', () => {
    const text = 'Trình phê duyệt Chiến lược phát triển dịch vụ số quốc gia đến năm 2030; triển khai Đề án X giai đoạn 2016 - 2018, tầm nhìn đến năm 2045; năm 2022 đạt 70%.';
    expect(yearsIn(withoutCitedYears(text))).toEqual([2022]);
  });

  it('still reads the years of reference apart for targets', () => {
    expect(ownYears('Tăng 5% so với năm 2020, đạt 80% trong năm 2021')).toEqual([2021]);
  });
});

describe('years a question asks about', () => {
  const years = (q: string) => askedYears(understand(q, []));

  it('are not those of a document it names by number or by a name holding its period', () => {
    expect(years('Nghị định 15/2012 sửa đổi do ai chủ trì?')).toEqual([]);
    expect(years('Thông tư 11/2016/TT-BTTTT bao giờ được thay thế')).toEqual([]);
    expect(years('chien luoc phat trien dich vu so den nam 2030 trinh khi nao')).toEqual([]);
    expect(years('Chỉ thị 16/CT-TTg năm 2018 giao gì?')).toEqual([]);
  });

  it('are those it asks about in words of time', () => {
    expect(years('năm 2018 giao những nhiệm vụ gì')).toEqual([2018]);
    expect(years('đến năm 2035 đạt bao nhiêu')).toEqual([2035]);
  });
});

describe('a year the documents speak of only in what they cite is not answered', () => {
  it.each([
    'Năm 2018 Bộ TT&TT giao những nhiệm vụ trọng tâm gì về chính phủ điện tử?',
    'nam 2019 bo tttt dat nhung chi tieu gi ve xep hang chinh phu dien tu',
    'đến năm 2035 doanh thu công nghiệp CNTT đạt bao nhiêu',
  ])('%s', async (q) => {
    expect((await ask(q)).noAnswer).toBe(true);
  });

  it('answers a year outside the documents’ years that a passage reports on', async () => {
    const a = await ask('so với năm 2019 số cơ quan báo giảm ra sao');
    expect(a.noAnswer).toBe(false);
    expect(a.search?.hits[0].passage.text).toContain('So với năm 2019');
  });

  it('answers a question naming a document by its number and year', async () => {
    const a = await ask('Thông tư thay thế Thông tư 05/2015/TT-BTTTT do đơn vị nào chủ trì?');
    expect(a.noAnswer).toBe(false);
    expect(a.search?.hits[0].passage.text).toContain('05/2015/TT-BTTTT');
  });

  it('answers a question naming a plan by a name that holds its period', async () => {
    const a = await ask('Chiến lược phát triển Bưu chính đến năm 2025 và định hướng đến năm 2030 trình Thủ tướng khi nào?');
    expect(a.noAnswer).toBe(false);
  });
});
