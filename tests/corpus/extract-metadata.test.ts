import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/corpus/clean-text.ts";
import { extractHeader, isPersonName, parseNumber } from "../../src/corpus/extract-metadata.ts";

describe("parseNumber", () => {
  it.each([
    ["146-CV/TU", "146-CV/TU", "CV"],
    ["215 -BS/ĐUK", "215-BS/ĐUK", "BS"],
    ["940/QĐ-UBND", "940/QĐ-UBND", "QĐ"],
    ["16/CT-TTg", "16/CT-TTg", "CT"],
    ["05-CT/TU.", "05-CT/TU", "CT"],
    ["68/NQ-CP,", "68/NQ-CP", "NQ"],
    ["209-CV/TU ngày 21/7/2021", "209-CV/TU", "CV"],
    ["12/2021/QH15", "12/2021/QH15", null],
  ])("%j → number %j, code %j", (raw, number, code) => {
    expect(parseNumber(raw)).toEqual({ number, code });
  });

  it("a number left blank in the draft ('-CV/HU') is null but keeps the type code", () => {
    expect(parseNumber("-CV/HU")).toEqual({ number: null, code: "CV" });
    expect(parseNumber(" -CV/HU")).toEqual({ number: null, code: "CV" });
  });

  it("nothing gives nothing", () => {
    expect(parseNumber("")).toEqual({ number: null, code: null });
  });
});

describe("isPersonName", () => {
  it.each(["Lê Quốc Chính", "Bùi Thị Quỳnh Vân", "Nông Văn Tâm", "Nguyễn Đức Thanh"])("%j is a name", (name) => {
    expect(isPersonName(name)).toBe(true);
  });
  it.each(["BÍ THƯ", "Lê", "Thường trực Tỉnh ủy", "Ban Thường vụ", "Nguyễn văn an", "Lưu Văn phòng Tỉnh ủy"])(
    "%j is not",
    (line) => {
      expect(isPersonName(line)).toBe(false);
    },
  );
});

/** A Công văn as it comes from a word processor: header table, recipients, items, footer. */
const CONG_VAN = `
HUYỆN ỦY KIM BẢNG
*
Số 88-CV/HU
V/v tăng cường tiêm vắc xin
phòng Covid-19
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Bảng, ngày 16 tháng 8 năm 2021

Kính gửi: - UBND huyện,
- Trung tâm Y tế huyện.

Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy về đẩy nhanh tiến độ tiêm vắc xin, Ban Thường vụ Huyện ủy yêu cầu:
1. UBND huyện chỉ đạo xây dựng kế hoạch tiêm vắc xin.
2. Trung tâm Y tế huyện chuẩn bị đủ nhân lực./.

Nơi nhận:
- Thường trực Tỉnh ủy (báo cáo),
- Như trên,
- Lưu VP.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Trần Văn Hùng
`;

describe("extractHeader", () => {
  const lines = cleanText(CONG_VAN);
  const header = extractHeader(lines);

  it("reads type, number, date, title and issuer from the header", () => {
    expect(header).toMatchObject({
      type: "Công văn",
      number: "88-CV/HU",
      date: "2021-08-16",
      title: "V/v tăng cường tiêm vắc xin phòng Covid-19",
      issuer: "Ban Thường vụ Huyện ủy Kim Bảng",
      signer: "Trần Văn Hùng",
      copiedBy: null,
      warnings: [],
    });
  });

  it("collects recipients from Kính gửi and Nơi nhận, dropping '(báo cáo)', 'Như trên' and 'Lưu'", () => {
    expect(header.recipients).toEqual(["UBND huyện", "Trung tâm Y tế huyện", "Thường trực Tỉnh ủy"]);
  });

  it("puts the body between the header and the footer", () => {
    expect(lines.slice(header.bodyStart, header.bodyEnd)).toEqual([
      "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy về đẩy nhanh tiến độ tiêm vắc xin, Ban Thường vụ Huyện ủy yêu cầu:",
      "1. UBND huyện chỉ đạo xây dựng kế hoạch tiêm vắc xin.",
      "2. Trung tâm Y tế huyện chuẩn bị đủ nhân lực./.",
    ]);
  });

  it("accepts a bullet before 'Kính gửi' ('- Kính gửi:')", () => {
    const h = extractHeader(cleanText(CONG_VAN.replace("Kính gửi: - UBND huyện,", "- Kính gửi:\n- UBND huyện,")));
    expect(h.recipients.slice(0, 2)).toEqual(["UBND huyện", "Trung tâm Y tế huyện"]);
  });

  it("an impossible date is no date, and is reported", () => {
    const h = extractHeader(cleanText(CONG_VAN.replace("ngày 16 tháng 8", "ngày 31 tháng 2")));
    expect(h.date).toBeNull();
    expect(h.warnings).toContain("no issue date found");
  });

  it("a blank number is null with a warning that says it was left blank", () => {
    const h = extractHeader(cleanText(CONG_VAN.replace("Số 88-CV/HU", "Số -CV/HU")));
    expect(h.number).toBeNull();
    expect(h.type).toBe("Công văn");
    expect(h.warnings).toContain('no document number (the number is left blank: "Số -CV/…")');
  });

  it("takes the type and issuer from a type line: 'CHỈ THỊ' + 'CỦA BAN THƯỜNG VỤ TỈNH ỦY' + the province", () => {
    const h = extractHeader(
      cleanText(
        `TỈNH ỦY HÀ NAM\nSố 05-CT/TU\nHà Nam, ngày 20 tháng 8 năm 2021\n\nCHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề bảo đảm an sinh xã hội\n\n${"Thời gian qua, dịch bệnh đã ảnh hưởng nặng nề đến đời sống của nhiều hộ gia đình trên địa bàn tỉnh."}\n`,
      ),
    );
    expect(h).toMatchObject({
      type: "Chỉ thị",
      number: "05-CT/TU",
      issuer: "Ban Thường vụ Tỉnh ủy Hà Nam",
      title: "Về bảo đảm an sinh xã hội",
    });
  });

  it("reads a news page's lead sentence: 'Ngày 21/7/2021, X có Công văn số N, về …'", () => {
    const h = extractHeader([
      "Tiêu đề trang tin",
      "Ngày 21/7/2021, Ban Thường vụ Tỉnh ủy Kiên Giang có Công văn số 209-CV/TU, về tiếp tục tăng cường công tác phòng, chống dịch Covid-19. Ban Biên tập giới thiệu nội dung.",
      "Hiện nay, tình hình dịch bệnh Covid-19 đang diễn biến hết sức phức tạp tại nhiều địa phương trên cả nước, trong đó có tỉnh ta.",
    ]);
    expect(h).toMatchObject({
      type: "Công văn",
      number: "209-CV/TU",
      date: "2021-07-21",
      issuer: "Ban Thường vụ Tỉnh ủy Kiên Giang",
      title: "Về tiếp tục tăng cường công tác phòng, chống dịch Covid-19",
      bodyStart: 2,
    });
  });

  it("ignores a received stamp and a certified copy's trailer", () => {
    const lines = cleanText(`ĐẢNG ỦY KHỐI CƠ QUAN TỈNH
ĐẾN Số: 332
Ngày: 02.7.2021

CHỈ THỊ
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về công tác phòng, chống dịch

1. Các cấp ủy đảng tập trung lãnh đạo, chỉ đạo công tác phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh.

Bùi Thị Quỳnh Vân

ĐẢNG BỘ TỈNH QUẢNG NGÃI
ĐẢNG ỦY KHỐI CƠ QUAN TỈNH
Số 215 -BS/ĐUK
Nơi nhận:
- Các tổ chức cơ sở đảng trực thuộc,
Sao y bản chính
Quảng Ngãi, ngày 05 tháng 7 năm 2021
`);
    const h = extractHeader(lines);
    expect(h).toMatchObject({
      type: "Chỉ thị",
      number: null,
      date: null,
      signer: "Bùi Thị Quỳnh Vân",
      copiedBy: "Đảng ủy Khối cơ quan tỉnh",
      recipients: [],
    });
    expect(h.issuer).toBe("Ban Thường vụ Tỉnh ủy Quảng Ngãi");
    expect(lines.slice(h.bodyStart, h.bodyEnd)).toEqual([
      "1. Các cấp ủy đảng tập trung lãnh đạo, chỉ đạo công tác phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh.",
    ]);
  });

  it("reports what it cannot find instead of inventing it", () => {
    const h = extractHeader([
      "Một đoạn văn bản dài không có tiêu đề, không số, không ngày tháng, chỉ có nội dung thuần túy để thử.",
    ]);
    expect(h).toMatchObject({ type: null, number: null, date: null, issuer: null, signer: null, title: null });
    expect(h.warnings).toEqual([
      "no document type found in the header",
      "no document number",
      "no issue date found",
      "no issuer found",
      "no signer found",
    ]);
  });
});

describe("a consolidated text without its gazette heading or authentication block", () => {
  const head = (first: string) =>
    extractHeader([
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "NGHỊ ĐỊNH",
      "Quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng",
      first,
      "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
      "Chương I",
      "QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi điều chỉnh",
      "Nghị định này quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng.",
    ]);

  it("is told by its opening citation of the document it consolidates and what amended it", () => {
    const cited =
      "Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ quy định chi tiết, có hiệu lực kể từ " +
      "ngày 15 tháng 02 năm 2022, được sửa đổi, bổ sung bởi: Nghị định số 104/2022/NĐ-CP ngày 21 tháng 12 năm 2022;";
    expect(head(cited).type).toBe("Văn bản hợp nhất");
  });

  it("is not a document whose legal basis cites an amended law", () => {
    const basis = "Căn cứ Luật Điện lực số 61/2024/QH15 được sửa đổi, bổ sung bởi Luật số 94/2025/QH15;";
    expect(head(basis).type).toBe("Nghị định");
  });
});

describe("a ministry's header", () => {
  const lines = [
    "BỘ LAO ĐỘNG - THƯƠNG BINH",
    "VÀ XÃ HỘI",
    "Số: 05/2025/TT-BLĐTBXH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Nội, ngày tháng năm 2025",
    "THÔNG TƯ",
    "Ban hành định mức kinh tế - kỹ thuật thực hiện dịch vụ giám định ADN",
    "BỘ TRƯỞNG BỘ TÀI CHÍNH",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này ban hành định mức kinh tế - kỹ thuật thực hiện dịch vụ giám định ADN.",
  ];

  it("joins the issuer's wrapped name; the enacting authority under the type heading is not the issuer", () => {
    expect(extractHeader(lines).issuer).toBe("Bộ Lao động - Thương binh và Xã hội");
  });

  it("takes no date from a legal basis, which dates the law it cites, and keeps that basis", () => {
    const h = extractHeader(lines);
    expect(h.date).toBeNull();
    expect(h.legalBases).toEqual([lines[9]]);
  });
});

describe("an issuer's name as PDF text extraction leaves it", () => {
  const header = (org: string[]) => [
    ...org,
    "Số: 01/2021/TT-BLĐTBXH",
    "Hà Nội, ngày 03 tháng 6 năm 2021",
    "THÔNG TƯ",
    "Quy định danh mục sản phẩm, hàng hóa",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này quy định danh mục sản phẩm, hàng hóa có khả năng gây mất an toàn.",
  ];

  it.each([
    [
      ["BỘ LAO ĐỘNG - THƯƠNG", "BINH VÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      "Bộ Lao động - Thương binh và Xã hội",
    ],
    [
      ["BỘ LAO ĐỘNG -", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THƯƠNG BINH VÀ XÃ HỘI"],
      "Bộ Lao động - Thương binh và Xã hội",
    ],
    [["NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "Ngân hàng Nhà nước Việt Nam"],
    [["BỘ CÔNG AN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"], "Bộ Công an"],
    [["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "Tổng cục Thuế"],
  ])("%j → %j", (org, issuer) => {
    expect(extractHeader(header(org)).issuer).toBe(issuer);
  });

  it("a subject naming the law it amends ('… CỦA LUẬT BẢO HIỂM Y TẾ') does not name the issuer", () => {
    const lines = [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "QUỐC HỘI",
      "Luật số: 51/2024/QH15",
      "LUẬT",
      "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ",
      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
      "Điều 1. Sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế",
      "Luật này sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế.",
    ];
    const h = extractHeader(lines);
    expect(h.issuer).toBe("Quốc hội");
    expect(h.title).toBe("Sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế");
  });

  it("a consolidated text's authenticating body stands above the block's title ('XÁC THỰC VĂN BẢN HỢP NHẤT')", () => {
    const lines = [
      "THÔNG TƯ",
      "Hướng dẫn quản lý lao động, tiền lương",
      "Thông tư số 34/2016/TT-BLĐTBXH ngày 25 tháng 10 năm 2016 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội, có hiệu lực từ ngày 10 tháng 12 năm 2016, được sửa đổi, bổ sung bởi:",
      "Điều 1. Phạm vi điều chỉnh",
      "Thông tư này hướng dẫn quản lý lao động, tiền lương.",
      "BỘ LAO ĐỘNG - THƯƠNG BINH",
      "VÀ XÃ HỘI",
      "XÁC THỰC VĂN BẢN HỢP NHẤT",
      "Số: 463/VBHN-BLĐTBXH",
      "Hà Nội, ngày 10 tháng 02 năm 2025",
      "KT. BỘ TRƯỞNG",
      "THỨ TRƯỞNG",
      "Lê Văn Thanh",
    ];
    const h = extractHeader(lines);
    expect(h).toMatchObject({ type: "Văn bản hợp nhất", number: "463/VBHN-BLĐTBXH", signer: "Lê Văn Thanh" });
    expect(h.issuer).toBe("Bộ Lao động - Thương binh và Xã hội");
  });
});
