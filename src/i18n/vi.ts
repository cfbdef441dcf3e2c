import { formatDay, formatNumber, formatShortDay, type Html } from './format';

const n = (value: number) => formatNumber('vi', value);

/** The master catalog: every user-facing string, in Vietnamese. Parameters arrive HTML-escaped. */
/** One metric's month-to-date progress toward its monthly target (/top and the weekly posts). */
export interface TargetProgressLine {
  metric: string;
  month: number;
  percent: number;
  total: number;
  target: number;
  countUnit: string;
}

export const vi = {
  'error.generic': 'Đã có lỗi xảy ra, vui lòng thử lại sau ít phút.',
  'list.more': (p: { count: number }) => `… và ${n(p.count)} mục nữa.`,
  'log.confirmation': (p: {
    name: string;
    what: Html;
    day: string;
    note: string;
    unit: string;
    weekFrom: string;
    weekTo: string;
    week: Html;
  }) =>
    `✍ <b>${p.name}</b>: ${p.what} · ${formatDay(p.day)}${p.note ? ` · «${p.note}»` : ''}\n` +
    `Tuần ${formatShortDay(p.weekFrom)}–${formatShortDay(p.weekTo)}, ${p.unit}: ${p.week}`,
  'log.pair': (p: { metric: string; amount: number; countUnit: string }) =>
    `${p.metric} <b>${n(p.amount)}</b> ${p.countUnit}`,
  'log.mergedHeading': '✍ Đã ghi nhận (gộp lại vì nhóm đang nhiều tin nhắn; gõ /undo để hoàn tác lần ghi của mình):',
  'log.mergedLine': (p: { name: string; what: Html; day: string }) =>
    `• ${p.name}: ${p.what} · ${formatShortDay(p.day)}`,
  'settings.confirmSet': (p: { mode: string }) => `✍ Cách xác nhận /log của nhóm: <b>${p.mode}</b>.`,
  'settings.confirm.reply': 'trả lời từng lần ghi',
  'settings.confirm.reaction': 'chỉ thả biểu tượng ✍ lên tin nhắn',
  'settings.confirm.auto': 'tự động (trả lời khi nhóm còn hạn mức tin nhắn, thả ✍ và gộp xác nhận khi hết)',
  'chat.notRegistered':
    'Nhóm này chưa gắn với đơn vị nào. Quản trị viên gõ <code>/register MÃ_ĐƠN_VỊ</code> (hoặc chỉ <code>/register</code> để chọn đơn vị) để đăng ký nhóm.',
  'chat.groupOnly': 'Lệnh này dùng trong nhóm của đơn vị. Đồng chí mở nhóm Telegram của đơn vị và gõ lại lệnh ở đó.',
  'chat.welcome':
    'Xin chào! Tôi là bot thi đua "Nụ cười chiến sĩ": cán bộ ghi kết quả công tác bằng <code>/log cccd 120</code>, đồng đội đề cử khen thưởng bằng <code>/khen</code>.\n' +
    'Quản trị viên gõ <code>/register MÃ_ĐƠN_VỊ</code> (hoặc chỉ <code>/register</code> để chọn đơn vị) để gắn nhóm này với đơn vị. Gõ /help để xem hướng dẫn.',
  'chat.welcomeBack': (p: { unit: string }) =>
    `Xin chào! Nhóm này đã gắn với ${p.unit}: cán bộ có thể ghi ngay bằng <code>/log cccd 120</code>. Gõ /help để xem hướng dẫn.`,
  'auth.adminOnly': 'Chỉ quản trị viên của bot được dùng lệnh này.',
  'auth.commanderOrAdmin': 'Chỉ chỉ huy của đơn vị hoặc quản trị viên được dùng lệnh này trong nhóm.',
  'command.unknown': 'Bot chưa hiểu lệnh này. Đồng chí gõ /help để xem các lệnh.',

  start: (p: { name: string }) =>
    `Xin chào ${p.name}! Tôi là bot thi đua "Nụ cười chiến sĩ": ghi kết quả công tác của đơn vị, xếp hạng và tổng hợp.\n` +
    'Gõ /help để xem hướng dẫn.',
  help: [
    '<b>Hướng dẫn</b>',
    '/log <i>chỉ tiêu</i> <i>số lượng</i> [<i>ngày</i>] [<i>ghi chú</i>] (/ghi): ghi kết quả, ví dụ <code>/log cccd 120</code>, <code>/log cccd 120 dkoto 5 hôm qua</code>',
    '/undo (/hoantac): hoàn tác lần ghi gần nhất của đồng chí (trong 24 giờ)',
    '/me (/toi): kết quả của đồng chí tuần này và tháng này',
    '/history (/lichsu): các lần ghi của đồng chí tuần này và tuần trước, kèm nút hoàn tác',
    'Ghi nhầm: chỉnh lại chính tin nhắn /log trong thời hạn của nút hoàn tác, kết quả được sửa theo.',
    '/top [<i>chỉ tiêu</i>] [tuan|thang|nam|tuan-truoc|thang-truoc] (/bxh): bảng xếp hạng; gõ trong nhóm riêng với bot để xem các đơn vị của đồng chí',
    '/metrics (/chitieu): danh mục chỉ tiêu và tên gọi khác',
    '/khen <i>lý do</i> (/nominate): trả lời tin nhắn của đồng đội để đề cử khen thưởng; mọi người bấm 👍 để ủng hộ, chỉ huy duyệt bằng một chạm',
    '/decu (/nominations): đề cử chờ đồng chí quyết định; /khenthuong [tuan|thang|nam] (/commendations): khen thưởng đã duyệt',
    '/hoso (/profile): kết quả năm nay và khen thưởng các năm của đồng chí, hoặc của người có tin nhắn được trả lời; /chungnhan <i>số</i> (/certificate): bản nháp giấy chứng nhận (PDF)',
    '/baocao [<i>MÃ</i>] [<i>kỳ</i>] (/report): báo cáo và đoạn văn sẵn để dán, ví dụ <code>/baocao 05/2021-08/2021</code>; /bieudo [<i>chỉ tiêu</i>] [<i>kỳ</i>] (/chart): biểu đồ',
    '/phongtrao (/campaign), /mohinh (/model): phong trào và mô hình',
    '/toila <i>số hiệu</i> (/iam): trong tin nhắn riêng, xin liên kết tài khoản với danh sách cán bộ; /dangkythidua <i>danh hiệu</i> (/pledge): đăng ký thi đua năm',
    '/lang vi|en (/ngonngu): đổi ngôn ngữ (trong nhóm: chỉ huy)',
    'Ngày ghi: <code>hôm qua</code>, <code>23/11</code>, <code>23/11/2026</code> hoặc <code>2026-11-23</code>. Số có thể viết 1.400, 1,400 hoặc 1400.',
  ].join('\n'),

  'lang.usage': 'Cú pháp: <code>/lang vi</code> hoặc <code>/lang en</code>.',
  'lang.set': 'Đã chuyển sang tiếng Việt.',

  'log.usage':
    'Cú pháp: <code>/log chỉ_tiêu số_lượng [ngày] [ghi chú]</code>, ví dụ <code>/log cccd 120</code>. Gõ /metrics để xem các chỉ tiêu.',
  'log.unknownMetric': (p: { metric: string }) =>
    `Không có chỉ tiêu "${p.metric}". Gõ /metrics để xem danh mục, ví dụ <code>/log cccd 120</code>.`,
  'log.missingAmount': (p: { metric: string }) =>
    `Thiếu số lượng cho "${p.metric}". Ví dụ: <code>/log ${p.metric} 120</code>.`,
  'log.badAmount': (p: { amount: string }) =>
    `"${p.amount}" không phải số lượng hợp lệ. Đồng chí nhập số nguyên dương, ví dụ 120 hoặc 1.400.`,
  'log.amountNotPositive': (p: { amount: string }) => `Số lượng phải lớn hơn 0 (đồng chí đã nhập "${p.amount}").`,
  'log.amountTooLarge': (p: { amount: string; max: number; metric: string }) =>
    `Số lượng ${p.amount} vượt mức tối đa ${n(p.max)} cho một lần ghi "${p.metric}". Nếu số liệu đúng, đồng chí ghi thành nhiều lần hoặc báo quản trị viên.`,
  'log.repeatedMetric': (p: { metric: string }) =>
    `Chỉ tiêu "${p.metric}" xuất hiện hai lần trong một lệnh. Đồng chí cộng lại thành một số.`,
  'log.badDate': (p: { date: string }) =>
    `Ngày "${p.date}" không đúng cách viết. Dùng <code>hôm qua</code>, <code>thứ hai</code>, <code>23/11</code>, <code>23.11.2026</code> hoặc <code>2026-11-23</code>.`,
  'log.noSuchDay': (p: { date: string }) =>
    `Ngày "${p.date}" không hợp lệ: lịch không có ngày này. Đồng chí kiểm tra lại ngày và tháng.`,
  'log.repeatedDate': (p: { date: string }) =>
    `Mỗi lệnh chỉ ghi cho một ngày, nhưng lệnh này có thêm ngày "${p.date}". Đồng chí tách thành hai lệnh.`,
  'log.numberWithoutMetric': (p: { amount: string }) =>
    `Số "${p.amount}" không đi kèm chỉ tiêu nào. Ghi mã chỉ tiêu trước số, ví dụ <code>/log cccd 120 dkoto 5</code>; ghi chú thì bắt đầu bằng chữ.`,
  'log.badNumber': (p: { text: string }) =>
    `"${p.text}" không phải số lượng hay ngày hợp lệ. Số lượng viết như 120 hoặc 1.400, ngày viết như 23/11 hoặc 23/11/2026; ghi chú thì bắt đầu bằng chữ.`,
  'log.ambiguousPair': (p: { text: string }) =>
    `Không rõ "${p.text}" là chỉ tiêu nào với số lượng bao nhiêu. Đồng chí viết tách tên chỉ tiêu và số lượng, ví dụ <code>/log dkoto 5</code>.`,
  'log.futureDay': (p: { day: string }) => `Không thể ghi cho ngày ${formatDay(p.day)} vì ngày đó chưa đến.`,
  'log.tooOld': (p: { day: string; days: number }) =>
    `Ngày ${formatDay(p.day)} đã quá ${p.days} ngày, không ghi bù được.`,
  'log.tooOldForOfficer': (p: { day: string; days: number; commanderDays: number }) =>
    `Ngày ${formatDay(p.day)} đã quá ${p.days} ngày nên đồng chí không tự ghi bù được. Chỉ huy hoặc quản trị viên của đơn vị có thể ghi bù cho ngày này (trong vòng ${p.commanderDays} ngày).`,
  'log.noteTooLong': (p: { max: number }) => `Ghi chú quá dài (tối đa ${n(p.max)} ký tự).`,
  'log.line': (p: { metric: string; amount: number; countUnit: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit}`,
  'log.confirmed': (p: {
    name: string;
    unit: string;
    day: string;
    lines: Html;
    weekFrom: string;
    weekTo: string;
    weekLines: Html;
  }) =>
    `✅ Đã ghi cho <b>${p.unit}</b>, ngày ${formatDay(p.day)} (${p.name}):\n${p.lines}\n\nTổng của đơn vị tuần ${formatShortDay(p.weekFrom)}–${formatShortDay(p.weekTo)}:\n${p.weekLines}`,
  'log.undoButton': '↩️ Hoàn tác',
  'log.enteredBy': (p: { by: string }) => `Người nhập: <b>${p.by}</b> (ghi thay)`,
  'log.forOthersNotAllowed':
    'Chỉ chỉ huy của đơn vị hoặc quản trị viên mới được ghi thay cho người khác. Đồng chí ghi kết quả của mình bằng lệnh <code>/log</code> gửi riêng, không trả lời tin nhắn của người khác.',
  'log.editedHeading': '✏️ Đã sửa theo tin nhắn đã chỉnh:',

  'edit.tooLate': (p: { minutes: number }) =>
    `Lần ghi này đã quá ${n(p.minutes)} phút nên không sửa được bằng cách chỉnh tin nhắn nữa; kết quả vẫn giữ như cũ. Đồng chí gõ /undo (trong 24 giờ) rồi ghi lại, hoặc báo chỉ huy đơn vị.`,
  'edit.invalid': (p: { reason: Html }) => `Tin nhắn đã chỉnh không ghi được nên kết quả vẫn giữ như cũ. ${p.reason}`,
  'edit.notLog':
    'Tin nhắn đã chỉnh không còn là lệnh /log nên kết quả vẫn giữ như cũ. Muốn bỏ lần ghi này, đồng chí gõ /undo.',
  'edit.undone':
    'Lần ghi của tin nhắn này đã được hoàn tác nên chỉnh tin nhắn không thay đổi gì. Đồng chí gửi lệnh /log mới để ghi lại.',

  'relay.forwarded':
    'Tin nhắn chuyển tiếp không được tính là lệnh: kết quả phải do chính người thực hiện ghi. Đồng chí tự gõ lệnh, ví dụ <code>/log cccd 120</code>.',
  'relay.viaBot':
    'Lệnh gửi qua một bot khác không được tính. Đồng chí tự gõ lệnh trong nhóm, ví dụ <code>/log cccd 120</code>.',
  'relay.bot': 'Bot không nhận lệnh từ một bot khác; kết quả phải do cán bộ tự ghi.',
  'relay.anonymous':
    'Đồng chí đang gửi ẩn danh (dưới tên nhóm hoặc kênh) nên bot không biết ai gửi lệnh. Đồng chí tắt chế độ ẩn danh hoặc chọn gửi bằng tài khoản của mình, rồi gõ lại lệnh.',

  'history.header': (p: { name: string }) => `📋 <b>Lịch sử ghi của ${p.name}</b> (tuần này và tuần trước)`,
  'history.week': (p: { from: string; to: string }) => `<b>Tuần ${formatDay(p.from)}–${formatDay(p.to)}</b>`,
  'history.line': (p: { day: string; what: Html; note: string; by: string }) =>
    `• ${formatShortDay(p.day)}: ${p.what}${p.note ? ` · «${p.note}»` : ''}${p.by ? ` · ${p.by} ghi thay` : ''}`,
  'history.none': '  (chưa có)',
  'history.footer': '<i>Lần ghi đã hoàn tác hoặc đã sửa không hiện ở đây.</i>',
  'history.undoButton': (p: { day: string; what: string }) => `↩️ ${formatShortDay(p.day)} ${p.what}`,
  'history.notAllowed':
    'Chỉ chỉ huy của đơn vị hoặc quản trị viên mới xem được lịch sử ghi của người khác. Đồng chí gõ /history (không trả lời tin nhắn) để xem của mình.',

  'undo.done': (p: { lines: Html }) => `↩️ Đã hoàn tác:\n${p.lines}`,
  'undo.doneBy': (p: { lines: Html; by: Html }) => `↩️ ${p.by} đã hoàn tác:\n${p.lines}`,
  'undo.nothing': 'Đồng chí không có lần ghi nào trong 24 giờ qua để hoàn tác.',
  'undo.notFound': 'Không tìm thấy lần ghi tương ứng với tin nhắn này.',
  'undo.alreadyUndone': 'Lần ghi này đã được hoàn tác trước đó.',
  'undo.notAuthor': 'Chỉ người ghi mới được hoàn tác bằng nút này.',
  'undo.buttonExpired': 'Nút hoàn tác đã hết hạn. Đồng chí gõ /undo để hoàn tác.',
  'undo.notAllowed': 'Chỉ chỉ huy của đơn vị mới được hoàn tác lần ghi của người khác.',

  'me.header': (p: { name: string }) => `<b>Kết quả của ${p.name}</b>`,
  'me.week': (p: { from: string; to: string }) => `Tuần này (${formatDay(p.from)}–${formatDay(p.to)}):`,
  'me.month': (p: { month: string }) => `Tháng ${p.month}:`,
  'me.none': '  (chưa có)',
  'me.rankHeader': (p: { unit: string }) => `Thứ hạng trong ${p.unit} tuần này:`,
  'me.rankLine': (p: { metric: string; rank: number; of: number; amount: number }) =>
    `• ${p.metric}: hạng <b>${p.rank}</b>/${n(p.of)} (${n(p.amount)})`,

  'top.usage':
    'Cú pháp: <code>/top [chỉ_tiêu] [tuan|thang|nam|tuan-truoc|thang-truoc]</code>, ví dụ <code>/top cccd thang</code>, <code>/top tuan-truoc</code>.',
  'top.unknownMetric': (p: { metric: string }) => `Không có chỉ tiêu "${p.metric}". Gõ /metrics để xem danh mục.`,
  'top.header': (p: { scope: string; period: string }) => `🏆 <b>Bảng xếp hạng ${p.scope}</b> (${p.period})`,
  'top.metric': (p: { metric: string; countUnit: string }) => `<b>${p.metric}</b> (${p.countUnit})`,
  'top.row': (p: { rank: number; name: string; amount: number }) => `${p.rank}. ${p.name}: ${n(p.amount)}`,
  'top.empty': 'Chưa có kết quả nào trong kỳ này.',
  'top.ownRow': (p: { name: string; amount: number }) => `• ${p.name} (trực tiếp): ${n(p.amount)}`,
  'top.total': (p: { amount: number }) => `<b>Tổng: ${n(p.amount)}</b>`,
  'top.noUnit':
    'Đồng chí chưa chỉ huy hoặc chưa thuộc đơn vị nào. Hãy gõ /top trong nhóm của đơn vị (bot nhận ra đồng chí từ lần ghi đầu tiên trong nhóm).',
  'period.week': (p: { from: string; to: string }) => `tuần ${formatDay(p.from)}–${formatDay(p.to)}`,
  'period.month': (p: { month: string }) => `tháng ${p.month}`,
  'period.year': (p: { year: string }) => `năm ${p.year}`,

  'metrics.header': '<b>Danh mục chỉ tiêu</b> (mã, tên, đơn vị tính, tối đa mỗi lần ghi)',
  'metrics.line': (p: { code: string; name: string; countUnit: string; max: number; aliases: string }) =>
    `• <code>${p.code}</code> ${p.name} (${p.countUnit}, ≤ ${n(p.max)})${p.aliases ? `\n   cũng gọi: ${p.aliases}` : ''}`,
  'metrics.retired': (p: { list: string }) => `Đã ngừng theo dõi (không ghi được nữa): ${p.list}`,

  'unit.usage':
    'Cú pháp: <code>/unit add MÃ Tên đơn vị [parent=MÃ_CẤP_TRÊN]</code>, <code>/unit list</code>, <code>/unit rename MÃ Tên mới</code>, <code>/unit move MÃ parent=MÃ_CẤP_TRÊN</code> hoặc <code>/unit retire MÃ</code>.',
  'unit.badCode': (p: { code: string }) =>
    `Mã đơn vị "${p.code}" không hợp lệ: chỉ dùng chữ không dấu, số, "-" và "_" (tối đa 32 ký tự).`,
  'unit.nameTooLong': (p: { max: number }) => `Tên đơn vị quá dài (tối đa ${n(p.max)} ký tự).`,
  'unit.missingName': 'Thiếu tên đơn vị. Ví dụ: <code>/unit add PC06 Phòng Cảnh sát QLHC về TTXH parent=CAT</code>.',
  'unit.added': (p: { code: string; name: string }) => `Đã thêm đơn vị <b>${p.code}</b>: ${p.name}.`,
  'unit.exists': (p: { code: string }) => `Đơn vị ${p.code} đã có.`,
  'unit.unknownParent': (p: { code: string }) =>
    `Không có đơn vị cấp trên "${p.code}". Gõ <code>/unit list</code> để xem.`,
  'unit.listHeader': '<b>Các đơn vị</b>',
  'unit.listEmpty': 'Chưa có đơn vị nào. Thêm bằng <code>/unit add MÃ Tên đơn vị</code>.',
  'unit.listLine': (p: { depth: number; code: string; name: string; groups: string }) =>
    `${'  '.repeat(p.depth)}• <b>${p.code}</b> ${p.name}${p.groups ? ` · nhóm: ${p.groups}` : ''}`,
  'unit.listRetired': (p: { units: string }) => `Đã ngừng hoạt động: ${p.units}`,
  'unit.renamed': (p: { code: string; name: string }) => `Đã đổi tên đơn vị <b>${p.code}</b>: ${p.name}.`,
  'unit.moved': (p: { code: string; parent: string }) => `Đơn vị <b>${p.code}</b> nay trực thuộc <b>${p.parent}</b>.`,
  'unit.sameParent': (p: { code: string; parent: string }) => `Đơn vị ${p.code} đã trực thuộc ${p.parent}.`,
  'unit.moveCycle': (p: { code: string; parent: string }) =>
    `Không thể chuyển ${p.code} vào ${p.parent}: ${p.parent} là chính đơn vị đó hoặc đơn vị cấp dưới của nó.`,
  'unit.isRetired': (p: { code: string }) => `Đơn vị ${p.code} đã ngừng hoạt động.`,
  'unit.hasChildren': (p: { code: string; children: string }) =>
    `Chưa thể ngừng ${p.code}: còn đơn vị cấp dưới ${p.children}. Hãy chuyển (<code>/unit move</code>) hoặc ngừng các đơn vị đó trước.`,
  'unit.retiredDone': (p: { code: string; name: string; groups: string }) =>
    `Đơn vị <b>${p.code}</b> (${p.name}) đã ngừng hoạt động; số liệu đã ghi vẫn được giữ.` +
    (p.groups
      ? ` Các nhóm đã được gỡ khỏi đơn vị và không ghi được nữa cho đến khi gắn lại bằng <code>/register MÃ</code>: ${p.groups}.`
      : ''),
  'unit.retiredNotice': (p: { code: string; name: string }) =>
    `Đơn vị <b>${p.code}</b> (${p.name}) đã ngừng hoạt động: nhóm này không còn gắn với đơn vị nào nên tạm thời chưa ghi được kết quả. Số liệu đã ghi vẫn được giữ. Quản trị viên gõ <code>/register MÃ_ĐƠN_VỊ</code> để gắn nhóm với đơn vị mới.`,

  'register.usage': 'Cú pháp: <code>/register MÃ_ĐƠN_VỊ</code>, gõ trong nhóm của đơn vị.',
  'register.unknownUnit': (p: { code: string }) => `Không có đơn vị "${p.code}". Gõ <code>/unit list</code> để xem.`,
  'register.done': (p: { code: string; name: string }) =>
    `Nhóm này đã gắn với đơn vị <b>${p.code}</b> (${p.name}). Cán bộ có thể bắt đầu ghi bằng <code>/log cccd 120</code>.`,
  'register.already': (p: { code: string; name: string }) =>
    `Nhóm này đã gắn với đơn vị <b>${p.code}</b> (${p.name}) rồi, không có gì thay đổi.`,
  'register.confirm': (p: { fromCode: string; fromName: string; toCode: string; toName: string; minutes: number }) =>
    `⚠️ Nhóm này đang gắn với đơn vị <b>${p.fromCode}</b> (${p.fromName}). Chuyển sang <b>${p.toCode}</b> (${p.toName})? ` +
    `Số liệu đã ghi vẫn thuộc ${p.fromCode}. Quản trị viên bấm xác nhận trong ${p.minutes} phút; chưa bấm thì không có gì thay đổi.`,
  'register.confirmButton': (p: { code: string }) => `✅ Chuyển sang ${p.code}`,
  'register.cancelButton': '✖️ Giữ nguyên',
  'register.moved': (p: { fromCode: string; toCode: string; toName: string; by: string }) =>
    `Nhóm này đã chuyển từ ${p.fromCode} sang đơn vị <b>${p.toCode}</b> (${p.toName}), do ${p.by} xác nhận.`,
  'register.kept': (p: { code: string; by: string }) => `Đã huỷ: nhóm này vẫn gắn với ${p.code} (${p.by} giữ nguyên).`,
  'register.expired': (p: { minutes: number }) =>
    `Yêu cầu đã quá ${p.minutes} phút nên không còn hiệu lực; không có gì thay đổi. Gõ lại /register MÃ nếu vẫn cần chuyển.`,
  'register.stale':
    'Đơn vị của nhóm đã thay đổi sau yêu cầu này nên nút không còn hiệu lực; không có gì thay đổi. Gõ lại /register MÃ nếu cần.',
  'register.adminOnly': 'Chỉ quản trị viên của bot được xác nhận; không có gì thay đổi.',

  'role.usage':
    'Cú pháp: trả lời tin nhắn của một người bằng <code>/role commander</code> (chỉ huy) hoặc <code>/role officer</code> (cán bộ), hoặc nhắc tên họ sau lệnh.',
  'role.noTarget': 'Hãy trả lời tin nhắn của người cần đặt vai trò, hoặc nhắc tên họ (mention) sau lệnh.',
  'role.commander': (p: { name: string; unit: string }) => `${p.name} là chỉ huy của ${p.unit}.`,
  'role.officer': (p: { name: string; unit: string }) => `${p.name} là cán bộ của ${p.unit}.`,

  'metric.usage':
    'Cú pháp: <code>/metric add mã tên | English name | đơn vị tính</code>, <code>/metric alias mã tên gọi khác</code>, <code>/metric max mã số</code>, <code>/metric retire mã</code>.',
  'metric.badCode': (p: { code: string }) =>
    `Mã chỉ tiêu "${p.code}" không hợp lệ: chữ thường không dấu và số, tối đa 24 ký tự.`,
  'metric.aliasTooLong': (p: { max: number }) => `Tên gọi khác quá dài (tối đa ${n(p.max)} ký tự).`,
  'metric.aliasNumeric': (p: { alias: string }) =>
    `Tên gọi khác "${p.alias}" không được là số hay kết thúc bằng chữ số, vì khi ghi sẽ lẫn với số lượng (như <code>dkoto5</code>).`,
  'metric.aliasDateWord': (p: { alias: string }) =>
    `Tên gọi khác "${p.alias}" trùng với cách viết ngày (như <code>hôm qua</code>, <code>thứ hai</code>, <code>t2</code>, <code>23/11</code>) nên không dùng được.`,
  'metric.aliasNoLetter': (p: { alias: string }) =>
    `Tên gọi khác "${p.alias}" không dùng được: mỗi từ phải có ít nhất một chữ cái.`,
  'metric.aliasTaken': (p: { alias: string; metric: string }) =>
    `"${p.alias}" đã là mã hoặc tên gọi khác của chỉ tiêu <code>${p.metric}</code>.`,
  'metric.badMax': (p: { max: string }) => `"${p.max}" không phải mức tối đa hợp lệ (số nguyên dương).`,
  'metric.added': (p: { code: string; name: string }) => `Đã thêm chỉ tiêu <code>${p.code}</code>: ${p.name}.`,
  'metric.exists': (p: { code: string }) => `Chỉ tiêu hoặc tên gọi "${p.code}" đã có.`,
  'metric.unknown': (p: { code: string }) => `Không có chỉ tiêu "${p.code}".`,
  'metric.aliasAdded': (p: { alias: string; code: string }) =>
    `"${p.alias}" nay cũng là tên gọi của <code>${p.code}</code>.`,
  'metric.maxSet': (p: { code: string; max: number }) =>
    `Mức tối đa mỗi lần ghi của <code>${p.code}</code>: ${n(p.max)}.`,
  'metric.retiredDone': (p: { code: string; name: string }) =>
    `Đã ngừng theo dõi chỉ tiêu <code>${p.code}</code> (${p.name}). Số liệu đã ghi vẫn được giữ; từ nay không ghi thêm được.`,
  'metric.isRetired': (p: { code: string }) => `Chỉ tiêu <code>${p.code}</code> đã ngừng theo dõi.`,
  'log.metricRetired': (p: { metric: string; name: string }) =>
    `Chỉ tiêu <code>${p.metric}</code> (${p.name}) đã ngừng theo dõi nên không ghi thêm được; chưa ghi gì. Số liệu cũ vẫn được giữ. Gõ /metrics để xem các chỉ tiêu đang theo dõi.`,

  'nominate.usage':
    'Trả lời tin nhắn của đồng chí cần đề cử bằng <code>/khen lý do</code>, hoặc gõ <code>/khen @tên lý do</code>. Ví dụ: <code>/khen hiến máu cứu người bị tai nạn</code>.',
  'nominate.reasonTooShort': (p: { min: number }) =>
    `Lý do đề cử cần ít nhất ${p.min} ký tự: đồng chí nêu rõ việc làm tốt.`,
  'nominate.reasonTooLong': (p: { max: number }) => `Lý do quá dài (tối đa ${n(p.max)} ký tự).`,
  'nominate.self': 'Đồng chí không thể tự đề cử mình. Việc tốt của đồng chí để đồng đội ghi nhận.',
  'nominate.bot': 'Không thể đề cử một bot.',
  'nominate.unknownPerson':
    'Tôi chưa thấy đồng chí này trong nhóm đơn vị nào đã đăng ký. Đồng chí trả lời một tin nhắn của người đó trong nhóm đơn vị.',
  'nominate.topicHeader':
    'Đó là tin mở chủ đề, không phải tin nhắn của một người. Đồng chí trả lời đúng tin nhắn của đồng chí cần đề cử.',
  'nominate.dailyCap': (p: { cap: number }) =>
    `Mỗi người chỉ được đề cử ${p.cap} lần mỗi ngày. Đồng chí vui lòng đề cử tiếp vào ngày mai.`,
  'nominate.joined': (p: { nominee: string }) =>
    `${p.nominee} đã được đề cử cho việc này; đồng chí đã được ghi nhận là người ủng hộ.`,
  'nomination.card': (p: {
    id: number;
    nominee: Html;
    nominator: string;
    reason: string;
    link: Html;
    endorsements: number;
    status: Html;
  }) =>
    `🏅 <b>Đề cử khen thưởng #${p.id}</b>\nĐồng chí: ${p.nominee}\nNgười đề cử: ${p.nominator}\nLý do: ${p.reason}${p.link}\n👍 Ủng hộ: ${p.endorsements}\n${p.status}`,
  'nomination.link': (p: { url: string }) => `\n<a href="${p.url}">Xem tin nhắn gốc</a>`,
  'nomination.pending': '⏳ Chờ chỉ huy quyết định.',
  'nomination.approved': (p: { phrase: Html; by: string }) => `✅ Đồng chí ${p.phrase} (${p.by} quyết định).`,
  'nomination.rejected': (p: { by: string }) => `❌ Không được duyệt (${p.by} quyết định).`,
  'nomination.announce': (p: { nominee: Html; phrase: Html }) => `🎉 Chúc mừng đồng chí ${p.nominee} ${p.phrase}!`,
  'nomination.endorseButton': (p: { count: number }) => `👍 Ủng hộ (${p.count})`,
  'nomination.rejectButton': '❌ Từ chối',
  'nomination.reopenButton': '↩️ Xem xét lại',
  'nomination.endorsed': 'Đã ghi nhận ủng hộ của đồng chí.',
  'nomination.withdrawn': 'Đã rút ủng hộ.',
  'nomination.selfEndorse': 'Người được đề cử và người đề cử không tự ủng hộ đề cử này.',
  'nomination.notDecider': 'Đồng chí không có thẩm quyền quyết định mức khen này; không có gì thay đổi.',
  'nomination.alreadyDecided': 'Đề cử này đã được quyết định.',
  'nomination.notDecided': 'Đề cử này đang chờ quyết định.',
  'nomination.rejectHow':
    'Để từ chối, đồng chí trả lời thẻ đề cử bằng /tuchoi kèm lý do (ít nhất 10 ký tự); lý do chỉ gửi riêng cho người đề cử và người có thẩm quyền.',
  'nomination.decided': 'Đã ghi nhận quyết định.',
  'reject.usage':
    'Trả lời thẻ đề cử bằng <code>/tuchoi lý do</code> (ít nhất 10 ký tự), hoặc gõ <code>/tuchoi số_đề_cử lý do</code>, ví dụ <code>/tuchoi 12 đã được khen cho việc này</code>.',
  'reject.notCard': 'Đồng chí trả lời đúng thẻ đề cử (tin nhắn 🏅 của bot).',
  'nominations.header': '<b>Đề cử chờ đồng chí quyết định</b> (cũ nhất trước)',
  'nominations.line': (p: {
    id: number;
    nominee: string;
    unit: string;
    reason: string;
    day: string;
    link: Html;
    recommended: Html;
  }) => `• #${p.id} ${p.nominee} (${p.unit}), ${formatShortDay(p.day)}: ${p.reason}${p.link}${p.recommended}`,
  'nominations.cardLink': (p: { url: string }) => ` <a href="${p.url}">[thẻ]</a>`,
  'nominations.none': 'Không có đề cử nào chờ đồng chí quyết định.',
  'commendations.usage': 'Cú pháp: <code>/khenthuong [tuan|thang|nam]</code> (mặc định: tháng này).',
  'commendations.header': (p: { scope: string; period: string }) => `🏅 <b>Khen thưởng ${p.scope}</b> (${p.period})`,
  'commendations.unit': (p: { unit: string }) => `<b>${p.unit}</b>`,
  'commendations.line': (p: { nominee: string; phrase: Html; reason: string; decision: Html }) =>
    `• ${p.nominee} ${p.phrase} (${p.reason})${p.decision}`,
  'commendations.none': 'Chưa có khen thưởng nào được duyệt trong kỳ này.',
  'level.bieuduong': 'Biểu dương',
  'level.giaykhen': 'Giấy khen của Giám đốc Công an tỉnh',
  'level.bangkhen': 'Bằng khen của Chủ tịch UBND tỉnh',
  'level.bieuduong.short': 'Biểu dương',
  'level.giaykhen.short': 'Giấy khen',
  'level.bangkhen.short': 'Bằng khen',
  'commendation.awarded': (p: { level: string }) => `được tặng <b>${p.level}</b>`,
  'commendation.proposed': (p: { level: string }) => `được đề nghị tặng <b>${p.level}</b>`,
  'nomination.proposedStatus': (p: { phrase: Html; by: string }) =>
    `📨 Đồng chí ${p.phrase} (${p.by} đề nghị); quyết định do cấp có thẩm quyền ban hành.`,
  'nomination.recommendedLine': (p: { level: string; by: string }) => `⬆️ ${p.by} đề xuất lên: <b>${p.level}</b>`,
  'nomination.decisionLine': (p: { number: string; date: string; signer: string }) =>
    `📄 Quyết định số ${p.number} ngày ${p.date}, người ký: ${p.signer}`,
  'nomination.ownCase':
    'Người được đề cử và người đề cử không được quyết định, đề xuất hay xem xét lại đề cử này; không có gì thay đổi.',
  'nomination.recommended': (p: { level: string }) =>
    `Đã đề xuất ${p.level} lên cấp có thẩm quyền; người quyết định sẽ được báo riêng.`,
  'nomination.recommendedAlready': 'Đồng chí đã đề xuất mức này rồi.',
  'nomination.privateHeader': (p: { count: number }) =>
    `🔔 <b>Đề cử chờ đồng chí quyết định</b> (${p.count} mục mới; các nút dưới đây dùng được ngay tại đây)`,
  'nomination.privateButton': (p: { id: number; label: string }) => `#${p.id} ${p.label}`,
  'nomination.rejectedNotice': (p: { id: number; nominee: string; by: string; reason: string }) =>
    `❌ Đề cử #${p.id} (đồng chí ${p.nominee}) không được duyệt; ${p.by} quyết định.\nLý do: ${p.reason}`,
  'reject.tooShort': (p: { min: number }) => `Lý do từ chối cần ít nhất ${p.min} ký tự: đồng chí ghi rõ vì sao.`,
  'reject.whichOne': 'Tin này liệt kê nhiều đề cử: đồng chí ghi số đề cử, ví dụ <code>/tuchoi 12 lý do</code>.',
  'decision.usage':
    'Cú pháp: <code>/quyetdinh số_đề_cử số_quyết_định dd/mm/yyyy người ký</code>, ví dụ <code>/quyetdinh 12 123/QĐ-CAT 05/12/2026 Đại tá Nguyễn Văn A</code>.',
  'decision.badDate': (p: { date: string }) => `Ngày quyết định "${p.date}" không hợp lệ: ghi theo dạng dd/mm/yyyy.`,
  'decision.notFound': (p: { id: number }) => `Không có đề cử #${p.id}.`,
  'decision.notApproved': (p: { id: number }) =>
    `Đề cử #${p.id} chưa được duyệt hay đề nghị nên chưa ghi được quyết định.`,
  'decision.notAllowed': 'Chỉ quản trị viên và chỉ huy Công an tỉnh (đơn vị gốc) được ghi quyết định khen thưởng.',
  'decision.recorded': (p: { id: number; line: Html }) => `Đã ghi quyết định cho đề cử #${p.id}.\n${p.line}`,
  'decision.corrected': (p: { id: number; line: Html }) =>
    `Đã ghi quyết định đính chính cho đề cử #${p.id} (bản ghi cũ vẫn được lưu).\n${p.line}`,
  'certificate.usage': 'Cú pháp: <code>/chungnhan số_đề_cử</code>, ví dụ <code>/chungnhan 12</code>.',
  'certificate.caption': (p: { id: number; nominee: string }) =>
    `📄 Bản nháp giấy chứng nhận, đề cử #${p.id}: ${p.nominee}. Bản chính thức theo mẫu của Bộ do cơ quan thi đua in.`,
  'certificate.draftMark': 'BẢN NHÁP',
  'certificate.draftNote': 'Không phải bản chính thức; bản chính thức theo mẫu của Bộ do cơ quan thi đua in.',
  'certificate.reasonLabel': 'Lý do:',
  'certificate.decision': (p: { number: string; date: string; signer: string }) =>
    `Quyết định số ${p.number} ngày ${p.date}; người ký: ${p.signer}`,
  'certificate.noDecision': 'Chưa ghi số quyết định.',
  'certificate.footer': (p: { day: string }) => `Bản nháp lập ngày ${p.day}`,
  'profile.header': (p: { name: string; unit: string }) => `👤 <b>${p.name}</b>\nĐơn vị: ${p.unit}`,
  'profile.noUnit': 'chưa rõ',
  'profile.unknown': 'Chưa có thông tin về đồng chí này.',
  'profile.totalsHeader': (p: { year: number }) => `\n<b>Kết quả năm ${p.year}</b>`,
  'profile.noTotals': '• Chưa ghi kết quả nào.',
  'profile.commendationsHeader': '\n<b>Khen thưởng (mọi năm)</b>',
  'profile.commendationLine': (p: { day: string; phrase: Html; decision: Html; reason: string }) =>
    `• ${p.day}: ${p.phrase} (${p.reason})${p.decision}`,
  'profile.decision': (p: { number: string; date: string }) => `, QĐ số ${p.number} ngày ${p.date}`,
  'profile.noCommendations': '• Chưa có.',
  'certificate.awarded': 'được tặng',
  'certificate.proposed': 'được đề nghị tặng',
  'report.usage':
    'Cú pháp: <code>/baocao [MÃ_ĐƠN_VỊ] [kỳ]</code>; kỳ: <code>05/2021-08/2021</code>, <code>01/05/2021-31/08/2021</code>, <code>tuan</code>, <code>tuan-truoc</code>, <code>thang</code>, <code>thang-truoc</code>, <code>quy</code>, <code>nam</code> hoặc <code>2026-W49</code>.',
  'report.badPeriod': (p: { period: string }) =>
    `Không hiểu kỳ báo cáo "${p.period}". Ví dụ: <code>/baocao 05/2021-08/2021</code>, <code>/baocao PC06 thang-truoc</code>, <code>/baocao quy</code>.`,
  'report.unknownUnit': (p: { code: string }) => `Không có đơn vị mã "${p.code}". Gõ /unit list để xem danh sách.`,
  'report.noUnit': 'Đồng chí gõ lệnh trong nhóm của đơn vị, hoặc ghi mã đơn vị: <code>/baocao PC06 thang</code>.',
  'report.notAllowed':
    'Chỉ chỉ huy của đơn vị (hoặc cấp trên) và quản trị viên được xem báo cáo và xuất dữ liệu của đơn vị này.',
  'report.header': (p: { unit: string; from: string; to: string }) =>
    `📊 <b>Báo cáo kết quả: ${p.unit}</b>\nTừ ${formatDay(p.from)} đến ${formatDay(p.to)}`,
  'report.nothingLogged': 'Chưa có kết quả nào được ghi trong thời gian này.',
  'report.totalsHeader': '<b>Tổng cộng (gồm các đơn vị trực thuộc)</b>',
  'report.amountLine': (p: { metric: string; amount: number; countUnit: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit}`,
  'report.unitsHeader': '<b>Theo đơn vị</b> (mỗi đơn vị gồm cả cấp dưới)',
  'report.unitLine': (p: { indent: string; code: string; amounts: Html }) =>
    `${p.indent}▸ <b>${p.code}</b>: ${p.amounts}`,
  'report.unitAmount': (p: { metric: string; amount: number }) => `${p.metric} ${n(p.amount)}`,
  'report.targetsHeader': '<b>Tiến độ chỉ tiêu</b>',
  'report.targetLine': (p: { metric: string; total: number; target: number; countUnit: string; percent: number }) =>
    `• ${p.metric}: ${n(p.total)}/${n(p.target)} ${p.countUnit} (<b>${n(p.percent)}%</b>)`,
  'report.paragraphHeader': '📝 <b>Đoạn văn báo cáo</b> (sao chép để dùng):',
  'report.p.months': (p: { fromMonth: number; fromYear: number; toMonth: number; toYear: number }) =>
    `Từ tháng ${p.fromMonth}/${p.fromYear} đến hết tháng ${p.toMonth}/${p.toYear}`,
  'report.p.month': (p: { month: number; year: number }) => `Trong tháng ${p.month}/${p.year}`,
  'report.p.quarter': (p: { quarter: string; year: number }) => `Trong quý ${p.quarter}/${p.year}`,
  'report.p.year': (p: { year: number }) => `Trong năm ${p.year}`,
  'report.p.week': (p: { from: string; to: string }) => `Trong tuần từ ${formatDay(p.from)} đến ${formatDay(p.to)}`,
  'report.p.days': (p: { from: string; to: string }) => `Từ ngày ${formatDay(p.from)} đến ngày ${formatDay(p.to)}`,
  'report.p.theUnit': 'đơn vị',
  'report.p.first': (p: { opening: Html; subject: string; phrases: Html }) =>
    `${p.opening}, ${p.subject} đã ${p.phrases}.`,
  'report.p.next': (p: { subject: string; phrases: Html }) => `${p.subject} đã ${p.phrases}.`,
  'report.p.overall': (p: { name: string; phrases: Html }) => `Tính chung, ${p.name} đã ${p.phrases}.`,
  'report.p.nothing': (p: { opening: Html }) => `${p.opening}, đơn vị chưa ghi nhận kết quả nào.`,
  'report.p.commendations': (p: { count: number; list: Html }) =>
    `Trong thời gian này, ${n(p.count)} lượt cá nhân được khen thưởng: ${p.list}.`,
  'report.p.commendation': (p: { level: string; nominee: string; unit: string }) =>
    `${p.level}: đồng chí ${p.nominee} (${p.unit})`,
  'report.p.targets': (p: { list: Html }) => `So với chỉ tiêu được giao, ${p.list}.`,
  'report.p.target': (p: { metric: string; percent: number }) => `${p.metric} đạt ${n(p.percent)}%`,

  'target.usage':
    'Cú pháp: <code>/muctieu chỉ_tiêu số_lượng thang|quy|nam [MÃ_ĐƠN_VỊ]</code>, ví dụ <code>/muctieu cccd 2.000 quy PC06</code>. Số lượng 0 để bỏ mục tiêu.',
  'target.unknownMetric': (p: { metric: string }) => `Không có chỉ tiêu "${p.metric}". Gõ /metrics để xem danh mục.`,
  'target.badAmount': (p: { amount: string }) =>
    `"${p.amount}" không phải số lượng hợp lệ (số nguyên, 0 để bỏ mục tiêu).`,
  'target.set': (p: { unit: string; metric: string; amount: number; countUnit: string; period: string }) =>
    `🎯 Mục tiêu ${p.period} của ${p.unit}: ${p.metric} <b>${n(p.amount)}</b> ${p.countUnit}.`,
  'target.cleared': (p: { unit: string; metric: string; period: string }) =>
    `🎯 Đã bỏ mục tiêu ${p.period} về ${p.metric} của ${p.unit}; đơn vị sẽ tính theo tổng mục tiêu của các đơn vị cấp dưới (nếu có).`,
  'target.kind.month': 'tháng',
  'target.kind.quarter': 'quý',
  'target.kind.year': 'năm',

  'campaign.text': (p: { registered: number; units: number; models: number; modelLines: Html }) =>
    '😊 <b>Phong trào «Nụ cười chiến sĩ»</b>\n' +
    `• Đơn vị đã đăng ký thực hiện (có nhóm): <b>${n(p.registered)}/${n(p.units)}</b>\n` +
    `• Mô hình đã đăng ký trên toàn tỉnh: <b>${n(p.models)}</b>\n` +
    `${p.modelLines}\n` +
    'Phương châm «5 xin»: xin chào, xin cảm ơn, xin phép, xin lỗi, xin được hướng dẫn.\n' +
    '«5 luôn»: luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe và thấu hiểu, luôn giúp đỡ, luôn thượng tôn pháp luật.',
  'model.usage':
    'Cú pháp: <code>/mohinh add khẩu hiệu của mô hình</code> (trong nhóm của đơn vị, chỉ huy hoặc quản trị viên), <code>/mohinh list</code>.',
  'model.added': (p: { unit: string; slogan: string; count: number }) =>
    `🏷 Đã đăng ký mô hình «${p.slogan}» của ${p.unit} (mô hình thứ ${n(p.count)} của đơn vị).`,
  'model.tooMany': (p: { unit: string; count: number }) =>
    `${p.unit} đã có ${n(p.count)} mô hình; mỗi đơn vị thường xây dựng 1 hoặc 2 mô hình. Muốn thêm, đề nghị quản trị viên đăng ký.`,
  'model.badSlogan': (p: { max: number }) => `Khẩu hiệu cần từ 5 đến ${n(p.max)} ký tự.`,
  'model.listHeader': (p: { count: number }) => `🏷 <b>Mô hình thực hiện phong trào</b> (${n(p.count)})`,
  'model.line': (p: { unit: string; slogan: string }) => `• ${p.unit}: «${p.slogan}»`,
  'model.none':
    'Chưa có mô hình nào được đăng ký. Chỉ huy gõ <code>/mohinh add khẩu hiệu</code> trong nhóm của đơn vị.',

  'export.usage':
    'Cú pháp: <code>/xuat [MÃ_ĐƠN_VỊ] [kỳ]</code>, ví dụ <code>/xuat thang-truoc</code>, <code>/xuat PC06 05/2021-08/2021</code>.',
  'export.caption': (p: { unit: string; from: string; to: string; entries: number }) =>
    `📎 Dữ liệu thi đua ${p.unit}, ${formatDay(p.from)}–${formatDay(p.to)}: ${n(p.entries)} lượt ghi.`,
  'export.tooLarge': (p: { megabytes: number }) =>
    `Tệp xuất vượt quá ${n(p.megabytes)} MB mà bot gửi được; đồng chí chọn kỳ ngắn hơn hoặc một đơn vị cấp dưới.`,
  'export.sheet.entries': 'Lượt ghi',
  'export.sheet.totals': 'Tổng theo đơn vị',
  'export.sheet.commendations': 'Đề cử và khen thưởng',
  'export.status.pending': 'Chờ duyệt',
  'export.status.rejected': 'Không duyệt',
  'export.queued': (p: { unit: string; from: string; to: string }) =>
    `⏳ Đang lập tệp báo cáo ${p.unit}, ${formatDay(p.from)}–${formatDay(p.to)}…, đồng chí chờ trong giây lát.`,
  'export.failed': 'Chưa lập được tệp báo cáo do lỗi của hệ thống; đồng chí gửi lại lệnh /xuat sau ít phút.',

  'chart.usage': 'Cú pháp: <code>/bieudo [chỉ_tiêu] [kỳ]</code>, ví dụ <code>/bieudo cccd thang</code>.',
  'chart.unknownMetric': (p: { metric: string }) => `Không có chỉ tiêu "${p.metric}". Gõ /metrics để xem danh mục.`,
  'chart.nothing': 'Chưa có số liệu để vẽ biểu đồ trong kỳ này.',
  'chart.rankTitle': (p: { metric: string; from: string; to: string }) =>
    `${p.metric}: xếp hạng đơn vị, ${formatDay(p.from)}–${formatDay(p.to)}`,
  'chart.trendTitle': (p: { metric: string; unit: string }) => `${p.metric}: 8 tuần gần nhất, ${p.unit}`,
  'chart.caption': (p: { metric: string; unit: string }) => `📈 ${p.metric} · ${p.unit}`,
  'chart.weeklyRankTitle': (p: { scope: string; week: string }) => `Xếp hạng tuần ${p.week}: ${p.scope}`,
  'chart.weeklyTrendTitle': (p: { scope: string; week: string }) => `8 tuần đến hết tuần ${p.week}: ${p.scope}`,
  'chart.separateScales': 'Mỗi chỉ tiêu một biểu đồ, thang đo riêng; số của mỗi đơn vị gồm cả cấp dưới',
  'chart.ownBar': (p: { code: string }) => `${p.code} (trực tiếp)`,
  'chart.panelTitle': (p: { metric: string; countUnit: string }) => `${p.metric} (${p.countUnit})`,
  'chart.leaderboardCaption': (p: { unit: string; week: string }) =>
    `📊 Biểu đồ xếp hạng tuần ${p.week}, từng chỉ tiêu · ${p.unit}`,
  'chart.digestCaption': (p: { scope: string; week: string }) =>
    `📈 Biểu đồ 8 tuần đến hết tuần ${p.week}, từng chỉ tiêu · ${p.scope}`,

  'target.progressHeader': (p: { to: string }) => `🎯 Tiến độ mục tiêu tháng (lũy kế đến ${formatDay(p.to)}):`,
  'target.progressLine': (p: TargetProgressLine) =>
    `• ${p.metric} — Tháng ${p.month}: <b>${n(p.percent)}%</b> mục tiêu (${n(p.total)}/${n(p.target)} ${p.countUnit})`,

  'menu.log': 'Ghi kết quả: /log cccd 120',
  'menu.undo': 'Hoàn tác lần ghi gần nhất',
  'menu.history': 'Lịch sử ghi tuần này và tuần trước',
  'menu.me': 'Kết quả của tôi',
  'menu.top': 'Bảng xếp hạng',
  'menu.metrics': 'Danh mục chỉ tiêu',
  'menu.help': 'Hướng dẫn',
  'menu.nominate': 'Đề cử khen thưởng (trả lời tin nhắn)',
  'menu.nominations': 'Đề cử chờ quyết định',
  'menu.commendations': 'Khen thưởng đã duyệt',
  'menu.profile': 'Hồ sơ thi đua, khen thưởng của một người',
  'menu.lang': 'Đổi ngôn ngữ (vi/en)',

  // Issue 16 §6–7 (first contact): /help by role, /start, the command menus, /register without a code.
  'help.commander': [
    '<b>Chỉ huy</b>',
    '/lichsu (/history), /ghi (/log): trả lời tin nhắn của cán bộ để xem các lần ghi của người đó, hoặc ghi thay',
    '/tonghop (/digest): bản tổng hợp tuần của các đơn vị đồng chí chỉ huy; /caidat (/settings): nhắc nhở và ngôn ngữ của nhóm',
    '/xuat [<i>kỳ</i>] (/export): tệp Excel và CSV; /muctieu <i>chỉ tiêu</i> <i>số</i> thang|quy|nam (/target): giao mục tiêu',
    '/quyetdinh <i>số số_QĐ dd/mm/yyyy người_ký</i> (/decision): quản trị viên, chỉ huy Công an tỉnh ghi quyết định khen thưởng',
    '/bangdieukhien (/dashboard): bảng điều khiển: số liệu, đề cử, báo cáo',
    '/register (/dangky) trong nhóm chưa gắn đơn vị: chọn đơn vị của nhóm bằng nút bấm',
    '/danhsach [<i>MÃ</i>] (/roster), /lienket <i>số hiệu</i> (/link) khi trả lời tin nhắn, /moi (/invite): danh sách cán bộ, liên kết tài khoản, đường dẫn mời; /xuat danhsach: tệp danh sách',
    '/binhxet <i>danh hiệu</i> (/review), /dongphieu (/closeballot), /canhbao (/flag), /vanban (/paper): bình xét bỏ phiếu kín, cảnh báo, văn bản thi đua năm',
  ].join('\n'),
  'help.admin': [
    '<b>Quản trị</b>',
    '/unit add <i>MÃ</i> <i>tên đơn vị</i> [parent=<i>MÃ_CẤP_TRÊN</i>], /unit list, /unit rename <i>MÃ</i> <i>tên mới</i>, /unit move <i>MÃ</i> parent=<i>MÃ_CẤP_TRÊN</i>, /unit retire <i>MÃ</i>',
    '/register <i>MÃ</i>: gắn nhóm này với đơn vị (nhóm đang gắn đơn vị khác: quản trị viên bấm xác nhận trong 10 phút); /register không kèm mã: chọn trong các đơn vị chưa có nhóm',
    '/role commander|officer: trả lời tin nhắn của một người (hoặc nhắc tên họ) để đặt vai trò chỉ huy hoặc cán bộ',
    '/nhap (/import): gửi tệp XLSX/CSV danh sách kèm chú thích /nhap trong tin nhắn riêng; /nhap mau: tệp mẫu; /toilaai (/whoami): mã Telegram của đồng chí; /hoidong (/council), /danhhieu (/titles): hội đồng thi đua và quyết định danh hiệu',
    '/metric add <i>mã</i> <i>tên</i> | <i>English name</i> | <i>đơn vị tính</i>; /metric alias <i>mã</i> <i>tên gọi khác</i>; /metric max <i>mã</i> <i>số</i>; /metric retire <i>mã</i>',
  ].join('\n'),
  'help.short': [
    '<b>Hướng dẫn nhanh</b>',
    '/ghi <i>chỉ tiêu</i> <i>số lượng</i>: ghi kết quả, ví dụ <code>/ghi cccd 120</code>',
    '/hoantac: hoàn tác lần ghi gần nhất; /toi: kết quả của đồng chí; /bxh: bảng xếp hạng',
    '/khen <i>lý do</i>: trả lời tin nhắn của đồng đội để đề cử khen thưởng',
    'Hướng dẫn đầy đủ (theo vai trò của đồng chí): nhắn riêng /huongdan cho bot.',
  ].join('\n'),
  'help.fullButton': '📖 Hướng dẫn đầy đủ',
  'start.linked': (p: { name: string; unit: string }) =>
    `Theo danh sách cán bộ, đồng chí là <b>${p.name}</b>, ${p.unit}.`,
  'start.unlinked': (p: { id: number }) =>
    `Tài khoản Telegram của đồng chí (id <code>${p.id}</code>) chưa gắn với danh sách cán bộ; đồng chí báo chỉ huy đơn vị để gắn.`,
  'start.roleAdmin': 'Vai trò: quản trị viên của bot.',
  'start.roleCommander': (p: { units: string }) => `Vai trò: chỉ huy ${p.units}.`,
  'start.roleOfficer': 'Vai trò: cán bộ.',
  'start.next':
    'Việc thường làm: trong nhóm của đơn vị, ghi kết quả bằng <code>/ghi cccd 120</code>; xem kết quả của mình /toi, bảng xếp hạng /bxh, hồ sơ thi đua /hoso.',
  'start.helpButton': '📖 Hướng dẫn',
  'start.setupHeader': '<b>Việc còn lại để cài đặt</b>',
  'start.setupNoUnits':
    'Chưa có đơn vị nào: thêm bằng <code>/unit add MÃ tên đơn vị</code>, hoặc nhập cả cây đơn vị từ tệp Excel bằng <code>/import</code>.',
  'start.setupUnbound': (p: { count: number; units: string }) =>
    `${p.count} đơn vị chưa có nhóm: ${p.units}. Thêm bot vào nhóm Telegram của đơn vị, rồi gõ <code>/register</code> trong nhóm.`,
  'start.setupNoCommander':
    'Chưa có chỉ huy nào: trong nhóm của đơn vị, trả lời tin nhắn của chỉ huy bằng <code>/role commander</code>.',
  'start.setupDone': 'Đã cài đặt xong: có đơn vị, các đơn vị đều có nhóm và đã có chỉ huy.',
  'menu.logVi': 'Ghi kết quả: /ghi cccd 120',
  'register.pick': (p: { count: number }) =>
    `Nhóm này chưa gắn với đơn vị nào. Chọn đơn vị của nhóm (${p.count} đơn vị chưa có nhóm); chỉ quản trị viên và chỉ huy của đơn vị được bấm.`,
  'register.pickMore': (p: { count: number }) =>
    `Còn ${p.count} đơn vị khác chưa có nhóm: gõ <code>/register MÃ_ĐƠN_VỊ</code>.`,
  'register.pickNone':
    'Không còn đơn vị nào chưa có nhóm. Quản trị viên thêm đơn vị bằng <code>/unit add</code>, hoặc gõ <code>/register MÃ_ĐƠN_VỊ</code>.',
  'register.pickAlready': (p: { code: string; name: string }) =>
    `Nhóm này đã gắn với đơn vị <b>${p.code}</b> (${p.name}). Muốn chuyển sang đơn vị khác, quản trị viên gõ <code>/register MÃ_ĐƠN_VỊ</code>.`,
  'register.pickNotAllowed': 'Chỉ quản trị viên hoặc chỉ huy của đơn vị này được gắn nhóm; không có gì thay đổi.',
  'register.pickTaken': 'Nhóm này đã được gắn với một đơn vị; nút này không còn hiệu lực, không có gì thay đổi.',
  'register.picked': (p: { code: string; name: string; by: string }) =>
    `Nhóm này đã gắn với đơn vị <b>${p.code}</b> (${p.name}), do ${p.by} chọn. Cán bộ ghi ngay bằng <code>/ghi cccd 120</code>.`,

  // Weekly posts: leaderboard, digest, reminder, /digest and /settings.
  'weekly.leaderboardHeader': (p: { unit: string; from: string; to: string; week: string }) =>
    `🏆 <b>Tổng kết tuần ${formatDay(p.from)}–${formatDay(p.to)}</b> (${p.week})\n<b>${p.unit}</b>`,
  'weekly.totalsHeader': '📈 Kết quả theo chỉ tiêu, so với tuần trước:',
  'weekly.totalLine': (p: { metric: string; amount: number; countUnit: string; change: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit} (${p.change})`,
  'weekly.nothingLogged': 'Tuần qua chưa có kết quả nào được ghi.',
  'weekly.change.up': (p: { percent: number }) => `▲ ${n(p.percent)}%`,
  'weekly.change.down': (p: { percent: number }) => `▼ ${n(p.percent)}%`,
  'weekly.change.same': 'không đổi',
  'weekly.change.new': '▲ mới',
  'weekly.change.none': '–',
  'weekly.rankHeader': (p: { parent: string }) => `🥇 Xếp hạng trong các đơn vị thuộc ${p.parent}:`,
  'weekly.rankLine': (p: { metric: string; rank: number; of: number }) => `• ${p.metric}: hạng ${p.rank}/${p.of}`,
  'weekly.topHeader': '👏 Cán bộ tiêu biểu:',
  'weekly.topLine': (p: { metric: string; people: Html }) => `• ${p.metric}: ${p.people}`,
  'weekly.topPerson': (p: { name: string; amount: number }) => `${p.name} ${n(p.amount)}`,
  'weekly.topPersonOfUnit': (p: { name: string; unit: string; amount: number }) =>
    `${p.name} (${p.unit}) ${n(p.amount)}`,
  'weekly.commendationsHeader': '🏅 Khen thưởng được duyệt tuần qua:',
  'weekly.commendationLine': (p: { phrase: Html; nominee: string; unit: string; reason: string }) =>
    `• ${p.nominee} (${p.unit}) ${p.phrase}: ${p.reason}`,
  'weekly.more': (p: { count: number }) => `…và ${n(p.count)} mục khác`,

  'digest.header': (p: { scope: string; from: string; to: string; week: string }) =>
    `📊 <b>Tổng hợp tuần ${formatDay(p.from)}–${formatDay(p.to)}</b> (${p.week})\n<b>${p.scope}</b> và các đơn vị trực thuộc`,
  'digest.unitsHeader': '📊 Theo đơn vị, từng chỉ tiêu, so với tuần trước:',
  'digest.metricChartHeader': (p: { metric: string; countUnit: string }) => `<b>${p.metric}</b> (${p.countUnit})`,
  'weekly.subUnitsHeader': '🏢 Xếp hạng các đơn vị trực thuộc (gồm cả cấp dưới):',
  'weekly.subUnitsLine': (p: { metric: string; units: Html }) => `• ${p.metric}: ${p.units}`,
  'weekly.subUnitPlace': (p: { rank: number; code: string; amount: number }) =>
    `${p.rank}. ${p.code} <b>${n(p.amount)}</b>`,
  'digest.chart': (p: { lines: string }) => `<pre>${p.lines}</pre>`,
  'digest.silentHeader': (p: { count: number }) => `⚠️ Đơn vị chưa ghi kết quả (${n(p.count)}):`,
  'digest.silentLine': (p: { code: string; name: string }) => `• ${p.code} ${p.name}`,
  'digest.allLogged': '✅ Mọi đơn vị có nhóm đều đã ghi kết quả.',
  'digest.pendingHeader': (p: { count: number }) => `⏳ Đề cử chờ đồng chí quyết định (${n(p.count)}):`,
  'digest.pendingLine': (p: { id: number; nominee: string; unit: string; reason: string; day: string }) =>
    `• #${p.id} ${p.nominee} (${p.unit}), ${formatShortDay(p.day)}: ${p.reason}`,
  'digest.usage':
    'Cú pháp: <code>/tonghop</code> (tuần trước) hoặc <code>/tonghop 2026-W47</code> (một tuần theo ISO).',
  'digest.notAllowed':
    'Bản tổng hợp tuần dành cho chỉ huy và quản trị viên. Đồng chí xem kết quả của mình bằng /toi và bảng xếp hạng bằng /bxh.',
  'digest.unreachable': (p: { commander: Html; link: string }) =>
    `📭 ${p.commander}: bot chưa gửi được bản tổng hợp tuần cho đồng chí vì đồng chí chưa mở trò chuyện riêng với bot. ` +
    `Hãy <a href="${p.link}">bấm vào đây</a> rồi bấm «Bắt đầu» để nhận bản tổng hợp từ tuần sau.`,
  'digest.reachableAgain': '✅ Từ nay đồng chí sẽ nhận bản tổng hợp tuần tại đây. Gõ /tonghop để xem bản tuần trước.',

  'reminder.text': (p: { unit: string; from: string; motto: string }) =>
    `⏰ <b>${p.unit}</b> chưa ghi kết quả nào trong tuần này (từ ${formatDay(p.from)}). ` +
    'Các đồng chí nhớ ghi bằng <code>/log chỉ_tiêu số_lượng</code>, ví dụ <code>/log cccd 120</code>.\n\n' +
    `💬 <i>${p.motto}</i>`,
  'reminder.motto': (p: { line: number }): string =>
    p.line % 2 === 0
      ? '«5 xin»: xin chào, xin cảm ơn, xin phép, xin lỗi, xin được hướng dẫn.'
      : '«5 luôn»: luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe và thấu hiểu, luôn giúp đỡ, luôn thượng tôn pháp luật.',

  'settings.show': (p: { unit: string; reminders: boolean; language: string; confirm: string }) =>
    `⚙️ <b>Cài đặt nhóm</b> (${p.unit})\n` +
    `• Nhắc nhở hằng tuần: <b>${p.reminders ? 'bật' : 'tắt'}</b>\n` +
    `• Ngôn ngữ: <b>${p.language}</b>\n` +
    `• Xác nhận /log: <b>${p.confirm}</b>\n\n` +
    'Đổi: <code>/caidat nhacnho bat|tat</code>, <code>/caidat ngonngu vi|en</code>, <code>/caidat xacnhan traloi|bieutuong|tudong</code>; trong nhóm có chủ đề, gõ <code>/caidat chude</code> trong chủ đề sẽ nhận bài hằng tuần.',
  'settings.usage':
    'Cú pháp: <code>/caidat</code> (xem), <code>/caidat nhacnho bat|tat</code>, <code>/caidat ngonngu vi|en</code>, <code>/caidat xacnhan traloi|bieutuong|tudong</code>, <code>/caidat chude</code>.',
  'settings.remindersSet': (p: { on: boolean }): string =>
    p.on ? '🔔 Đã bật nhắc nhở hằng tuần cho nhóm này.' : '🔕 Đã tắt nhắc nhở hằng tuần cho nhóm này.',
  'settings.topicSet': '📌 Từ nay bảng xếp hạng và nhắc nhở hằng tuần của nhóm sẽ đăng vào chủ đề này.',
  'settings.topicGeneral': '📌 Bảng xếp hạng và nhắc nhở hằng tuần sẽ đăng vào chủ đề chung (General).',
  'settings.topicNotForum': 'Nhóm này không chia chủ đề; các bài hằng tuần đăng thẳng vào nhóm.',
  'settings.language.vi': 'Tiếng Việt',
  'settings.language.en': 'English',

  'menu.digest': 'Bản tổng hợp tuần (chỉ huy)',
  'menu.report': 'Báo cáo và đoạn văn: /baocao 05/2021-08/2021',
  'menu.chart': 'Biểu đồ theo chỉ tiêu',
  'menu.export': 'Xuất Excel, CSV (chỉ huy)',
  'menu.campaign': 'Phong trào và mô hình',
  'menu.settings': 'Cài đặt nhóm: nhắc nhở, ngôn ngữ',
  // Issue 16 §4–§5 and issue 17 §5: official names from the roster, past commendations, who logged nothing.
  'official.unmatched': '(chưa đối chiếu danh sách)',
  'profile.position': (p: { position: string }) => `Chức vụ: ${p.position}`,
  'profile.pastHeader': '\n<b>Danh hiệu thi đua, khen thưởng theo năm</b>',
  'profile.pastLine': (p: { year: number; titles: Html }) => `• ${p.year}: ${p.titles}`,
  'profile.pastTitle': (p: { title: string; number: string; date: string; level: string }) =>
    `${p.title}${p.number ? ` (QĐ số ${p.number}${p.date ? ` ngày ${p.date}` : ''}${p.level ? `, ${p.level}` : ''})` : p.level ? ` (${p.level})` : ''}`,
  'log.otherUnit': (p: { unit: string; own: string }) =>
    `ℹ️ Kết quả được tính cho <b>${p.unit}</b> (đơn vị của nhóm này); theo danh sách cán bộ, đồng chí thuộc ${p.own}.`,
  'weekly.unlogged': (p: { count: number; total: number }) =>
    `👥 ${n(p.count)}/${n(p.total)} đồng chí chưa ghi nhận tuần này.`,
  'digest.unloggedHeader': '👥 Cán bộ chưa ghi nhận tuần này (theo danh sách):',
  'digest.unloggedLine': (p: { code: string; count: number; total: number }) =>
    `• ${p.code}: ${n(p.count)}/${n(p.total)} đồng chí chưa ghi nhận`,
  'chart.weeklyRankAmongTitle': (p: { unit: string; parent: string; week: string }) =>
    `Xếp hạng tuần ${p.week}: ${p.unit} trong các đơn vị thuộc ${p.parent}`,
  'chart.weeklyUnitTitle': (p: { unit: string; week: string }) => `Tuần ${p.week}: ${p.unit} so với tuần trước`,
  // The year of emulation (src/features/year) and its official papers (src/files/papers): titles, acts, the
  // rules' checks, and the papers' labels. Papers are plain text: these are looked up without HTML escaping.
  'year.title.cstt': 'Chiến sĩ tiên tiến',
  'year.title.cstdcs': 'Chiến sĩ thi đua cơ sở',
  'year.title.cstd-bo': 'Chiến sĩ thi đua cấp Bộ',
  'year.title.cstd-tq': 'Chiến sĩ thi đua toàn quốc',
  'year.title.dvtt': 'Đơn vị tiên tiến',
  'year.title.dvqt': 'Đơn vị quyết thắng',
  'year.title.co-thi-dua': 'Cờ thi đua',
  'year.act.law-2003': 'Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)',
  'year.act.law-06-2022': 'Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022',
  'year.act.decree-91-2017': 'Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ',
  'year.act.decree-98-2023': 'Nghị định số 98/2023/NĐ-CP của Chính phủ',
  'year.act.decree-152-2025': 'Nghị định số 152/2025/NĐ-CP của Chính phủ',
  'year.act.circular-12-2019-bca': 'Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an',
  'year.act.circular-08-2017-bnv': 'Thông tư số 08/2017/TT-BNV của Bộ trưởng Bộ Nội vụ',
  'year.act.config': 'quy định của đơn vị (cấu hình)',
  'year.citation': (p: { act: string; article: number }) => (p.article > 0 ? `Điều ${p.article} ${p.act}` : p.act),
  'year.verify': 'cần kiểm chứng',
  'year.check.subject': 'Danh hiệu này không xét cho đối tượng này.',
  'year.check.registered': 'Chưa đăng ký danh hiệu này khi đăng ký thi đua đầu năm.',
  'year.check.flags': 'Đang trong thời gian xem xét kỷ luật, thanh tra, kiểm tra hoặc xác minh đơn thư.',
  'year.check.discipline': (p: { collective: boolean }): string =>
    p.collective ? 'Có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.' : 'Bị kỷ luật trong năm.',
  'year.check.served': (p: { needed: number }) => `Thời gian công tác trong năm dưới ${n(p.needed)} tháng.`,
  'year.check.rating': 'Chưa đạt mức hoàn thành tốt nhiệm vụ trở lên.',
  'year.check.achievement': 'Chưa có sáng kiến, đề tài hoặc thành tích được đơn vị công nhận.',
  'year.check.requires': (p: { title: string }) => `Chưa đạt danh hiệu “${p.title}” năm nay.`,
  'year.check.chain': (p: { title: string; years: number; needed: number }) =>
    `Mới có ${n(p.years)}/${n(p.needed)} năm liên tục đạt danh hiệu “${p.title}”.`,
  'year.check.once': (p: { year: number }) => `Đã được tặng danh hiệu này cho năm ${p.year}.`,
  'year.check.memberShare': (p: { title: string; holding: number; members: number }) =>
    `${n(p.holding)}/${n(p.members)} cá nhân đạt danh hiệu “${p.title}”, chưa đủ tỷ lệ.`,
  'year.check.memberHolds': (p: { title: string; holding: number; needed: number }) =>
    `Có ${n(p.holding)} cá nhân đạt danh hiệu “${p.title}”, cần ${n(p.needed)}.`,
  'year.check.membersComplete': 'Chưa phải 100% cá nhân hoàn thành nhiệm vụ.',
  'year.check.unknown': 'cần xác nhận tại cuộc họp',
  // The yearly cycle's use cases (src/features/year): their refusals (`year.error.*`, titles already named by
  // yearErrorText), the private ballot, flags, and the sơ kết / tổng kết paragraph.
  'year.error.notOnRoster':
    'Đồng chí không có trong danh sách cán bộ của đơn vị này nên chưa đăng ký được. Đồng chí liên hệ chỉ huy hoặc cán bộ phụ trách danh sách của đơn vị.',
  'year.error.notCommander': 'Chỉ chỉ huy của đơn vị (hoặc của đơn vị cấp trên) mới làm được việc này.',
  'year.error.notAdmin': 'Chỉ ban chỉ đạo (quản trị) mới làm được việc này.',
  'year.error.unknownUnit': 'Không tìm thấy đơn vị này.',
  'year.error.unknownPerson': 'Không tìm thấy đồng chí này trong danh sách cán bộ.',
  'year.error.individualTitle': (p: { title: string }) =>
    `“${p.title}” là danh hiệu cá nhân, không đăng ký hay xét cho tập thể.`,
  'year.error.collectiveTitle': (p: { title: string }) =>
    `“${p.title}” là danh hiệu tập thể: chỉ huy đăng ký cho cả đơn vị.`,
  'year.error.windowClosed': (p: { from: string; to: string }) =>
    `Thời gian đăng ký thi đua là từ ngày ${p.from} đến ngày ${p.to}; ngoài thời gian này chỉ chỉ huy đơn vị đăng ký được.`,
  'year.error.yearOutOfRange': (p: { year: number }) =>
    `Không làm được cho năm ${p.year}: chỉ năm nay hoặc năm liền kề.`,
  'year.error.noRules': (p: { year: number }) => `Chưa có quy định thi đua áp dụng cho năm ${p.year}.`,
  'year.error.notVotedHere': (p: { title: string }) => `Danh hiệu “${p.title}” không bỏ phiếu bình xét ở cấp này.`,
  'year.error.reviewOpen': (p: { title: string }) =>
    `Đang có một cuộc bỏ phiếu bình xét danh hiệu “${p.title}” chưa đóng.`,
  'year.error.noCandidates': (p: { title: string }) =>
    `Không có ai đủ điều kiện để bỏ phiếu danh hiệu “${p.title}”: chưa ai đăng ký, hoặc chưa ai đủ điều kiện.`,
  'year.error.tooManyCandidates': (p: { count: number; max: number }) =>
    `Có ${n(p.count)} người được xét, quá ${n(p.max)} người một phiếu bầu: đồng chí tổ chức bình xét theo từng đơn vị trực thuộc.`,
  'year.error.noVoters': 'Chưa có thành viên nào liên kết tài khoản Telegram để nhận phiếu bầu.',
  'year.error.deadlinePassed': 'Hạn bỏ phiếu phải ở sau thời điểm hiện tại.',
  'year.error.unknownReview': 'Không tìm thấy cuộc bình xét này.',
  'year.error.reviewNotClosed': 'Cuộc bỏ phiếu này chưa đóng.',
  'year.error.ballotClosed': 'Phiếu bầu đã đóng; lựa chọn này không được ghi nhận.',
  'year.error.notYourBallot': 'Phiếu này không phải của đồng chí, hoặc đã hết hiệu lực; lựa chọn không được ghi nhận.',
  'year.error.notOpener': 'Chỉ người mở cuộc bỏ phiếu (hoặc quản trị) mới đóng được phiếu.',
  'year.error.reasonNeeded': 'Cần ghi rõ lý do (ít nhất 5 ký tự).',
  'year.error.unknownFlag': 'Không tìm thấy ghi chú này, hoặc ghi chú đã được gỡ.',
  'year.error.alreadyCouncil': 'Đồng chí này đã là thành viên Hội đồng Thi đua – Khen thưởng.',
  'year.error.notCouncil': 'Đồng chí này không phải thành viên Hội đồng Thi đua – Khen thưởng.',
  'year.error.emptyCouncil': 'Hội đồng Thi đua – Khen thưởng chưa có thành viên nào.',
  'year.error.decisionInFuture': 'Ngày quyết định không được ở sau hôm nay.',
  'year.error.decisionTooEarly': (p: { day: string }) => `Ngày quyết định không được trước ngày ${p.day}.`,
  'year.error.decisionIncomplete': 'Cần ghi đủ số quyết định, ngày ký và người ký.',
  'year.flag.discipline-pending': 'Đang xem xét kỷ luật',
  'year.flag.inspection-pending': 'Đang thanh tra, kiểm tra',
  'year.flag.complaint-pending': 'Đang xác minh đơn thư',
  'year.ballot.heading': (p: { title: string; year: number; where: string }) =>
    `🗳 <b>Phiếu bầu kín</b>: bình xét danh hiệu “${p.title}” năm ${p.year}, ${p.where}.`,
  'year.ballot.council': 'Hội đồng Thi đua – Khen thưởng',
  'year.ballot.closes': (p: { time: string; day: string }) => `Hạn bỏ phiếu: ${p.time} ngày ${p.day}.`,
  'year.ballot.candidate': (p: { number: number; name: string }) => `${p.number}. ${p.name}`,
  'year.ballot.help':
    'Đồng chí bấm “Đồng ý” hoặc “Không đồng ý” cho từng người; có thể đổi ý đến khi đóng phiếu. Bot chỉ ghi đồng chí đã bỏ phiếu, không ghi đồng chí chọn gì.',
  'year.ballot.yes': (p: { number: number; chosen: boolean }) => `${p.chosen ? '☑️ ' : ''}${p.number}. Đồng ý`,
  'year.ballot.no': (p: { number: number; chosen: boolean }) => `${p.chosen ? '☑️ ' : ''}${p.number}. Không đồng ý`,
  'year.ballot.recorded': 'Đã ghi nhận. Đồng chí có thể đổi ý đến khi đóng phiếu.',
  'year.ballot.closed': (p: { title: string; year: number }) =>
    `🗳 Phiếu bầu kín bình xét danh hiệu “${p.title}” năm ${p.year} đã đóng. Cảm ơn đồng chí.`,
  'year.paper.venue': 'nhóm Telegram của đơn vị (bỏ phiếu kín qua tin nhắn riêng với bot)',
  'year.report.heading': (p: { half: boolean; year: number }) =>
    p.half ? `Sơ kết 6 tháng đầu năm ${p.year}` : `Tổng kết năm ${p.year}`,
  'year.report.units': (p: { registered: number; units: number }) =>
    `Về đăng ký thi đua, ${n(p.registered)}/${n(p.units)} đơn vị đã đăng ký danh hiệu thi đua tập thể.`,
  'year.report.title': (p: {
    title: string;
    collective: boolean;
    registered: number;
    proposed: number;
    awarded: number;
  }) =>
    `Danh hiệu “${p.title}”: ${n(p.registered)} ${p.collective ? 'tập thể' : 'cá nhân'} đăng ký, ${n(p.proposed)} được đề nghị, ${n(p.awarded)} được công nhận.`,
  'year.report.noRegistrations': (p: { year: number }) => `Chưa có đăng ký thi đua nào cho năm ${p.year}.`,

  'paper.nation': 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'paper.motto': 'Độc lập - Tự do - Hạnh phúc',
  'paper.number': (p: { symbol: string }) => `Số:        /${p.symbol}`,
  'paper.date': (p: { day: string; month: string; year: number }) => `ngày ${p.day} tháng ${p.month} năm ${p.year}`,
  'paper.placeDate': (p: { place: string; date: string }) => `${p.place}, ${p.date}`,
  'paper.draft': 'DỰ THẢO',
  'paper.recipients': 'Nơi nhận:',
  'paper.archive': '- Lưu: VT.',
  'paper.page': (p: { page: number }) => `${p.page}`,
  'paper.col.no': 'STT',
  'paper.col.name': 'Họ và tên, cấp bậc',
  'paper.col.unitName': 'Tên tập thể',
  'paper.col.position': 'Chức vụ',
  'paper.col.positionUnit': 'Chức vụ, đơn vị',
  'paper.col.pledged': 'Danh hiệu đăng ký',
  'paper.col.yes': 'Số phiếu đồng ý',
  'paper.col.share': 'Tỷ lệ (%)',
  'paper.col.result': 'Kết quả',
  'paper.col.note': 'Ghi chú',
  'paper.people': (p: { count: number }) => `${n(p.count)} đồng chí`,
  'paper.units': (p: { count: number }) => `${n(p.count)} tập thể`,
  'paper.registration.kind': (p: { year: number }) => `BẢN ĐĂNG KÝ THI ĐUA NĂM ${p.year}`,
  'paper.registration.summary': 'Danh hiệu thi đua của tập thể và cá nhân',
  'paper.registration.intro': (p: { unit: string; year: number; campaign: string }) =>
    `Thực hiện kế hoạch phát động phong trào thi đua năm ${p.year}${p.campaign ? ` và phong trào “${p.campaign}”` : ''}, ${p.unit} đăng ký danh hiệu thi đua năm ${p.year} như sau:`,
  'paper.registration.collective': '1. Tập thể',
  'paper.registration.collectiveLine': (p: { unit: string; title: string }) =>
    `${p.unit} đăng ký danh hiệu “${p.title}”.`,
  'paper.registration.individual': (p: { count: number }) => `2. Cá nhân (${n(p.count)} đồng chí)`,
  'paper.registration.totals': (p: { lines: string }) => `Tổng hợp: ${p.lines}.`,
  'paper.registration.pledge': (p: { unit: string }) =>
    `${p.unit} cam kết tổ chức thực hiện tốt các nội dung, chỉ tiêu thi đua đã đăng ký.`,
  'paper.minutes.kind': 'BIÊN BẢN',
  'paper.minutes.summary': (p: { year: number }) => `Họp bình xét danh hiệu thi đua năm ${p.year}`,
  'paper.minutes.opening': (p: { time: string; date: string; venue: string; unit: string; year: number }) =>
    `Vào hồi ${p.time}, ${p.date}, tại ${p.venue}, ${p.unit} tổ chức họp bình xét danh hiệu thi đua năm ${p.year}.`,
  'paper.minutes.time': (p: { hour: string; minute: string }) => `${p.hour} giờ ${p.minute} phút`,
  'paper.minutes.chair': (p: { name: string; position: string }) =>
    `Chủ trì: đồng chí ${p.name}${p.position ? `, ${p.position}` : ''}.`,
  'paper.minutes.secretary': (p: { name: string; position: string }) =>
    `Thư ký: đồng chí ${p.name}${p.position ? `, ${p.position}` : ''}.`,
  'paper.minutes.attendance': (p: { members: number; present: number; absent: number }) =>
    `Thành phần: tổng số ${n(p.members)} đồng chí; có mặt ${n(p.present)} đồng chí; vắng mặt ${n(p.absent)} đồng chí.`,
  'paper.minutes.absentees': (p: { names: string }) => `Vắng mặt: ${p.names}.`,
  'paper.minutes.quorum': (p: { met: boolean; needed: number; quorum: string }) =>
    p.met
      ? `Số người có mặt đạt từ ${p.quorum} tổng số trở lên (ít nhất ${n(p.needed)} đồng chí), cuộc họp đủ điều kiện tiến hành.`
      : `Số người có mặt chưa đạt ${p.quorum} tổng số (${n(p.needed)} đồng chí); kết quả bỏ phiếu không được dùng để đề nghị.`,
  'paper.minutes.ballots': (p: { issued: number; returned: number; valid: number }) =>
    `Hình thức: bỏ phiếu kín. Số phiếu phát ra: ${n(p.issued)}; số phiếu thu về: ${n(p.returned)}; số phiếu hợp lệ: ${n(p.valid)}.`,
  'paper.minutes.section': (p: { index: string; title: string; rule: string }) =>
    `${p.index}. Danh hiệu “${p.title}” (${p.rule})`,
  'paper.minutes.rule': (p: { atLeast: boolean; share: string; members: boolean }) =>
    `cần đạt ${p.atLeast ? 'từ' : 'trên'} ${p.share}${p.atLeast ? ' trở lên' : ''} số phiếu đồng ý so với ${p.members ? 'tổng số thành viên' : 'số người dự họp'}`,
  'paper.minutes.result.proposed': 'Đề nghị',
  'paper.minutes.result.not-passed': 'Không đạt',
  'paper.minutes.result.ineligible': 'Không đủ điều kiện',
  'paper.minutes.result.no-quorum': 'Không đủ người dự',
  'paper.minutes.result.over-quota': 'Vượt tỷ lệ',
  'paper.minutes.result.tied': 'Ngang phiếu, chờ quyết định',
  'paper.minutes.result.not-voted': 'Chưa bỏ phiếu',
  'paper.minutes.quota': (p: { title: string; share: string; of: string; holders: number; limit: number }) =>
    `Số cá nhân được đề nghị danh hiệu “${p.title}” không quá ${p.share} số cá nhân đạt danh hiệu “${p.of}” (${n(p.holders)} đồng chí), tức tối đa ${n(p.limit)} đồng chí.`,
  'paper.minutes.conclusion': (p: { count: number }) =>
    `Cuộc họp thống nhất đề nghị cấp có thẩm quyền xem xét, công nhận danh hiệu thi đua cho ${n(p.count)} trường hợp có kết quả “Đề nghị” nêu trên.`,
  'paper.minutes.closing': (p: { time: string }) =>
    `Cuộc họp kết thúc vào hồi ${p.time} cùng ngày. Biên bản đã được đọc lại cho mọi người dự họp cùng nghe và nhất trí thông qua.`,
  'paper.minutes.signSecretary': 'THƯ KÝ',
  'paper.minutes.signChair': 'CHỦ TRÌ',
  'paper.list.kind': 'DANH SÁCH',
  'paper.list.summary': (p: { year: number }) => `Đề nghị xét tặng danh hiệu thi đua năm ${p.year}`,
  'paper.list.attached': (p: { symbol: string; unit: string }) =>
    `(Kèm theo Tờ trình số        /${p.symbol} của ${p.unit})`,
  'paper.list.group': (p: { index: string; title: string; count: string }) =>
    `${p.index}. DANH HIỆU “${p.title.toUpperCase()}”: ${p.count}`,
  'paper.list.total': (p: { people: number; units: number }) =>
    `Tổng cộng: ${n(p.people)} cá nhân, ${n(p.units)} tập thể.`,
  'paper.letter.kind': 'TỜ TRÌNH',
  'paper.letter.summary': (p: { year: number }) => `Về việc đề nghị xét tặng danh hiệu thi đua năm ${p.year}`,
  'paper.letter.to': 'Kính gửi:',
  'paper.letter.basis': (p: { act: string }) => `Căn cứ ${p.act};`,
  'paper.letter.basisMinutes': (p: { unit: string; date: string }) =>
    `Căn cứ kết quả họp bình xét thi đua của ${p.unit} ${p.date},`,
  'paper.letter.request': (p: { unit: string; addressee: string; year: number }) =>
    `${p.unit} kính đề nghị ${p.addressee} xem xét, công nhận danh hiệu thi đua năm ${p.year} cho các tập thể, cá nhân sau:`,
  'paper.letter.line': (p: { title: string; count: string }) => `- Danh hiệu “${p.title}”: ${p.count};`,
  'paper.letter.attached': '(Có danh sách, biên bản họp và báo cáo thành tích kèm theo.)',
  'paper.letter.closing': (p: { addressee: string }) => `Kính trình ${p.addressee} xem xét, quyết định./.`,
  'paper.letter.addressee': 'Như trên',
  'paper.certificate.reason': 'Đã có thành tích:',
  'paper.certificate.decision': (p: { number: string; date: string }) => `Quyết định số ${p.number} ngày ${p.date}`,

  // The year's chat doors: /pledge, /flag, /review, /closeballot, /council, /titles, /paper (issue 18).
  'menu.pledge': 'Đăng ký thi đua năm: /pledge cstt',
  'menu.review': 'Bình xét thi đua, bỏ phiếu kín (chỉ huy)',
  'yearChat.pledgeUsage':
    'Cú pháp: <code>/dangkythidua &lt;danh hiệu&gt; [năm]</code>, ví dụ <code>/dangkythidua cstdcs</code>; chỉ huy trả lời tin nhắn của một đồng chí để đăng ký thay, hoặc ghi danh hiệu tập thể (dvtt, dvqt, co-thi-dua) cho đơn vị. <code>/dangkythidua</code> để xem danh sách.',
  'yearChat.badTitle': (p: { text: string }) =>
    `Không rõ danh hiệu “${p.text}”. Cá nhân: cstt (Chiến sĩ tiên tiến), cstdcs (Chiến sĩ thi đua cơ sở), cstd-bo, cstd-tq; tập thể: dvtt (Đơn vị tiên tiến), dvqt (Đơn vị quyết thắng), co-thi-dua. Không có gì được ghi.`,
  'yearChat.badHours': (p: { text: string }) =>
    `Thời hạn bỏ phiếu “${p.text}” không hợp lệ: ghi số giờ từ 1 đến 168, ví dụ <code>24h</code>.`,
  'yearChat.pledged': (p: { name: string; title: string; year: number; replaced: string }) =>
    `✅ Đã đăng ký thi đua năm ${p.year}: đồng chí ${p.name}, danh hiệu “${p.title}”${p.replaced ? ` (thay cho “${p.replaced}”)` : ''}.`,
  'yearChat.pledgedUnit': (p: { unit: string; title: string; year: number; replaced: string }) =>
    `✅ Đã đăng ký thi đua năm ${p.year}: ${p.unit}, danh hiệu “${p.title}”${p.replaced ? ` (thay cho “${p.replaced}”)` : ''}.`,
  'yearChat.pledgeList': (p: { unit: string; year: number; collective: string; lines: Html; count: number }) =>
    `<b>Đăng ký thi đua năm ${p.year} — ${p.unit}</b>\nTập thể: ${p.collective || 'chưa đăng ký'}\nCá nhân (${n(p.count)}):${p.lines}`,
  'yearChat.pledgeNone': 'chưa có',
  'yearChat.flagUsage':
    'Cú pháp (chỉ huy, trả lời tin nhắn của đồng chí cần ghi chú): <code>/canhbao kyluat|thanhtra|donthu &lt;lý do&gt;</code>; <code>/canhbao</code> để xem danh sách (gửi riêng), <code>/canhbao go &lt;số&gt;</code> để gỡ.',
  'yearChat.flagged': (p: { id: number; name: string; kind: string; reason: string }) =>
    `🔒 Đã ghi chú #${p.id}: ${p.name} — ${p.kind}. Lý do: ${p.reason}\nĐồng chí này sẽ không được đề nghị danh hiệu khi còn ghi chú. Gỡ: <code>/canhbao go ${p.id}</code>.`,
  'yearChat.flagList': (p: { unit: string; lines: Html }) => `🔒 <b>Ghi chú đang mở — ${p.unit}</b>${p.lines}`,
  'yearChat.flagLine': (p: { id: number; name: string; kind: string; reason: string; day: string }) =>
    `#${p.id} ${p.name} — ${p.kind} (${p.day}): ${p.reason}`,
  'yearChat.flagNone': (p: { unit: string }) => `Không có ghi chú nào đang mở ở ${p.unit}.`,
  'yearChat.unflagged': (p: { name: string }) => `Đã gỡ ghi chú của ${p.name}.`,
  'yearChat.sentPrivately': 'Đã gửi vào tin nhắn riêng của đồng chí với bot.',
  'yearChat.replyNeeded': 'Cần trả lời (reply) tin nhắn của đồng chí được ghi chú. Không có gì được ghi.',
  'yearChat.reviewUsage':
    'Cú pháp (chỉ huy, trong nhóm của đơn vị): <code>/binhxet &lt;danh hiệu&gt; [năm] [số giờ]</code>, ví dụ <code>/binhxet cstdcs 2026 48h</code>; thêm <code>xem</code> để xem trước hồ sơ (gửi riêng) mà chưa mở phiếu. Phiếu kín được gửi riêng cho từng đồng chí.',
  'yearChat.reviewOpened': (p: {
    title: string;
    year: number;
    unit: string;
    names: Html;
    voters: number;
    unlinked: number;
    closes: string;
  }) =>
    `🗳 <b>Bình xét “${p.title}” năm ${p.year} — ${p.unit}</b>\nNgười được bình xét:${p.names}\nĐã gửi phiếu kín cho ${n(p.voters)} đồng chí qua tin nhắn riêng${p.unlinked > 0 ? ` (${n(p.unlinked)} đồng chí chưa liên kết tài khoản nên chưa nhận phiếu)` : ''}. Hạn bỏ phiếu: ${p.closes}. Chỉ huy đóng phiếu sớm bằng <code>/dongphieu</code>.`,
  'yearChat.evidence': (p: { title: string; year: number; ruleSet: string; lines: Html }) =>
    `📋 <b>Hồ sơ bình xét “${p.title}” năm ${p.year}</b> (quy định: ${p.ruleSet})${p.lines}`,
  'yearChat.evidenceTotals': (p: { text: string }) => `Kết quả trong năm: ${p.text || 'chưa ghi'}`,
  'yearChat.evidenceCommendations': (p: { count: number; levels: string }) =>
    `Khen thưởng trong phong trào: ${p.count > 0 ? `${n(p.count)} (${p.levels}; không tính vào danh hiệu)` : 'không có'}`,
  'yearChat.evidenceTitles': (p: { text: string }) => `Danh hiệu các năm trước: ${p.text || 'chưa có'}`,
  'yearChat.evidenceTargets': (p: { text: string }) => `Chỉ tiêu năm của đơn vị: ${p.text}`,
  'yearChat.evidenceUnlinked': (p: { count: number; names: string }) =>
    `${n(p.count)} đồng chí chưa liên kết tài khoản nên không nhận phiếu: ${p.names}`,
  'yearChat.eligible': 'đủ điều kiện, có tên trên phiếu',
  'yearChat.notEligible': (p: { reasons: string }) => `không đủ điều kiện: ${p.reasons}`,
  'yearChat.closeUsage': (p: { titles: string }) =>
    `Đang mở nhiều cuộc bỏ phiếu (${p.titles}): ghi rõ danh hiệu, ví dụ <code>/dongphieu cstdcs</code>.`,
  'yearChat.noOpenReview': 'Không có cuộc bỏ phiếu nào đang mở ở đây.',
  'yearChat.result': (p: {
    title: string;
    year: number;
    where: string;
    voted: number;
    issued: number;
    members: number;
    quorum: string;
    lines: Html;
    again: boolean;
  }) =>
    `${p.again ? 'Cuộc bỏ phiếu này đã đóng trước đó. ' : ''}📊 <b>Kết quả bình xét “${p.title}” năm ${p.year} — ${p.where}</b>\nSố phiếu: ${n(p.voted)}/${n(p.members)} thành viên (${n(p.issued)} phiếu đã phát). ${p.quorum}\n${p.lines}\nPhiếu kín: không ai biết ai đã bầu thế nào.`,
  'yearChat.quorumMet': (p: { needed: number }) => `Đủ số thành viên tham gia (cần ${n(p.needed)}).`,
  'yearChat.quorumMissed': (p: { needed: number }) =>
    `Không đủ số thành viên tham gia (cần ${n(p.needed)}): không ai được đề nghị.`,
  'yearChat.resultLine': (p: {
    number: number;
    name: string;
    yes: number;
    base: number;
    percent: string;
    status: string;
  }) => `${p.number}. ${p.name}: ${n(p.yes)}/${n(p.base)} đồng ý (${p.percent}%) — ${p.status}`,
  'yearChat.status.proposed': 'được đề nghị',
  'yearChat.status.not-passed': 'không đạt tỷ lệ',
  'yearChat.status.over-quota': 'vượt chỉ tiêu',
  'yearChat.status.ineligible': 'không đủ điều kiện',
  'yearChat.status.no-quorum': 'không đủ số thành viên',
  'yearChat.status.not-voted': 'không có tên trên phiếu',
  'yearChat.status.tied': 'ngang phiếu ở suất cuối, chờ quyết định',
  'yearChat.councilUsage':
    'Cú pháp (quản trị): <code>/hoidong</code> hoặc <code>/hoidong list</code> để xem; trả lời tin nhắn của một đồng chí với <code>/hoidong add</code> hoặc <code>/hoidong remove</code>; <code>/hoidong &lt;danh hiệu&gt; [năm] [số giờ]</code> để mở bỏ phiếu của Hội đồng; <code>/hoidong phieu …</code> để ghi phiếu giấy của thành viên vắng mặt hoặc không dùng Telegram.',
  'yearChat.councilList': (p: { lines: Html; count: number }) =>
    `<b>Hội đồng Thi đua – Khen thưởng</b> (${n(p.count)} thành viên)${p.lines}`,
  'yearChat.councilNone': 'Hội đồng Thi đua – Khen thưởng chưa có thành viên nào.',
  'yearChat.councilAdded': (p: { name: string }) => `Đã thêm đồng chí ${p.name} vào Hội đồng Thi đua – Khen thưởng.`,
  'yearChat.councilRemoved': (p: { name: string }) =>
    `Đã đưa đồng chí ${p.name} ra khỏi Hội đồng Thi đua – Khen thưởng.`,
  'yearChat.councilOpened': (p: { title: string; year: number; names: Html; voters: number; closes: string }) =>
    `🗳 <b>Hội đồng bỏ phiếu “${p.title}” năm ${p.year}</b>\nDanh sách đề nghị:${p.names}\nĐã gửi phiếu kín cho ${n(p.voters)} thành viên. Hạn bỏ phiếu: ${p.closes}. Đóng sớm: <code>/dongphieu ${p.title}</code> trong tin nhắn riêng.`,
  'yearChat.decisionUsage':
    'Cú pháp (quản trị): <code>/danhhieu &lt;danh hiệu&gt; &lt;năm&gt; &lt;số quyết định&gt; &lt;dd/mm/yyyy&gt; &lt;người ký&gt;</code>, ví dụ <code>/danhhieu cstdcs 2026 567/QĐ-CAT 20/12/2026 Đại tá Nguyễn Văn A</code>; ghi cho những người Hội đồng (hoặc đơn vị) đã đề nghị, hoặc trả lời tin nhắn của một đồng chí. <code>/danhhieu</code> không kèm gì (hoặc trả lời tin nhắn) để xem danh hiệu theo năm.',
  'yearChat.badDate': (p: { text: string }) =>
    `Ngày “${p.text}” không hợp lệ: ghi dd/mm/yyyy, ví dụ 20/12/2026. Không có gì được ghi.`,
  'yearChat.noneProposed': (p: { title: string; year: number }) =>
    `Chưa có ai được đề nghị danh hiệu “${p.title}” năm ${p.year}; không có gì được ghi.`,
  'yearChat.titlesRecorded': (p: { count: number; title: string; year: number; number: string; names: string }) =>
    `✅ Đã ghi quyết định số ${p.number}: danh hiệu “${p.title}” năm ${p.year} cho ${n(p.count)} đối tượng: ${p.names}.`,
  'yearChat.titlesOf': (p: { name: string; lines: Html }) => `🏅 <b>Danh hiệu thi đua — ${p.name}</b>${p.lines}`,
  'yearChat.titlesNone': (p: { name: string }) => `Đồng chí ${p.name} chưa có danh hiệu thi đua nào được ghi nhận.`,
  'yearChat.titleLine': (p: { year: number; title: string; decision: string }) =>
    `${p.year}: ${p.title}${p.decision ? ` — Quyết định số ${p.decision}` : ' (theo hồ sơ nhập)'}`,
  'yearChat.paperUsage':
    'Cú pháp (chỉ huy, trong nhóm của đơn vị): <code>/vanban dangky|bienban|danhsach|totrinh [pdf|docx] [năm]</code>, hoặc <code>/vanban chungnhan</code> trả lời tin nhắn của một đồng chí; mặc định DOCX để văn phòng chỉnh sửa.',
  'yearChat.paperCaption': (p: { kind: string; year: number }) =>
    `${p.kind} năm ${p.year} (dự thảo theo Nghị định 30/2020/NĐ-CP).`,
  'yearChat.paper.registration': 'Bản đăng ký thi đua',
  'yearChat.paper.minutes': 'Biên bản họp bình xét',
  'yearChat.paper.list': 'Danh sách đề nghị',
  'yearChat.paper.letter': 'Tờ trình',
  'yearChat.paper.certificate': 'Bản chứng nhận danh hiệu',
  'yearChat.certificateForm': (p: { title: string }) => `danh hiệu ${p.title}`,
  'yearChat.certificateReason': (p: { year: number }) =>
    `Đạt tiêu chuẩn danh hiệu thi đua năm ${p.year} theo kết quả bình xét của đơn vị.`,
  'year.error.noTitle': (p: { year: number }) =>
    `Đồng chí này chưa được đề nghị hay công nhận danh hiệu thi đua nào năm ${p.year}.`,
  'yearChat.noClosedReview': 'Đơn vị chưa có cuộc bình xét nào đã đóng phiếu.',
  'yearChat.addressee': 'Hội đồng Thi đua – Khen thưởng',
  'yearChat.notOnRosterReply':
    'Đồng chí được trả lời chưa có trong danh sách cán bộ (hoặc chưa liên kết tài khoản). Không có gì được ghi.',

  // Buttons bound to their message, who may read a commendation, /register's requests, decisions (issues 18, 20).
  'button.notValid': 'Nút này không còn hiệu lực; không có gì thay đổi.',
  'commendation.notAllowed':
    'Đồng chí chỉ xem được khen thưởng của mình, hoặc của cán bộ thuộc đơn vị đồng chí chỉ huy hay các đơn vị cấp dưới; không có gì được gửi.',
  'register.notRequester': 'Chỉ quản trị viên đã gõ /register này mới xác nhận được yêu cầu; không có gì thay đổi.',
  'nomination.proposalDecided': (p: { phrase: Html; by: string }) => `✅ Đồng chí ${p.phrase} (${p.by} đề nghị).`,
  'decision.future': (p: { date: string }) =>
    `Ngày quyết định ${formatDay(p.date)} chưa đến: chỉ ghi được quyết định đã ban hành.`,
  'decision.beforeNomination': (p: { date: string; day: string }) =>
    `Ngày quyết định ${formatDay(p.date)} trước ngày đề cử (${formatDay(p.day)}): đồng chí kiểm tra lại ngày.`,
  'metric.codeDateWord': (p: { code: string }) =>
    `Mã "${p.code}" đọc thành một ngày (như <code>/log hôm qua 5</code>) nên /log không dùng được; đồng chí chọn mã khác.`,
  'metric.codeNumeric': (p: { code: string }) =>
    `Mã "${p.code}" là một con số nên /log đọc thành số lượng; đồng chí chọn mã có chữ cái.`,
  'export.status.proposed': (p: { level: string }) => `Đề nghị tặng ${p.level}`,
  'metric.codePeriodWord': (p: { code: string }) =>
    `Mã "${p.code}" trùng với từ chỉ kỳ của /top, /bieudo và /baocao (tuần, tháng, quý, năm…); đồng chí chọn mã khác.`,

  // The commanders' web app's chat doors: /dashboard (/bangdieukhien) and the menu button (issue 17).
  'menu.dashboard': 'Bảng điều khiển: số liệu, đề cử, báo cáo',
  'dashboard.private': (p: { bot: string }) =>
    `📊 <b>Bảng điều khiển thi đua</b> của @${p.bot}: số liệu các đơn vị đồng chí chỉ huy, đề cử chờ quyết định và báo cáo, ngay trong Telegram. Bấm nút dưới đây để mở.`,
  'dashboard.group': (p: { unit: string }) =>
    `📊 Bảng điều khiển thi đua của <b>${p.unit}</b>: bấm nút dưới đây để mở. Mỗi đồng chí chỉ thấy các đơn vị mình chỉ huy và đơn vị của mình.`,
  'dashboard.groupNoLink': (p: { bot: string }) =>
    `Bảng điều khiển chỉ mở được trong tin nhắn riêng: đồng chí nhắn riêng cho @${p.bot} và gõ /bangdieukhien.`,
  'dashboard.button': '📊 Mở bảng điều khiển',
  'dashboard.menuButton': 'Bảng điều khiển',
  'dashboard.notConfigured':
    'Bảng điều khiển chưa được bật trên bot này (quản trị hệ thống cần đặt PUBLIC_URL và đăng ký ứng dụng với @BotFather).',
  // Tally, reports and settings (issues 15 and 20).
  'log.sentInFuture': (p: { day: string }) =>
    `Không ghi được: tin nhắn mang ngày gửi ${formatDay(p.day)}, muộn hơn giờ hiện tại của bot. Đồng chí gửi lại lệnh; nếu vẫn bị từ chối, đồng chí báo quản trị viên.`,
  // The roster and its import (issue 16): src/features/roster/.
  'import.notAdmin': 'Chỉ quản trị viên của bot được nhập danh sách cán bộ.',
  'import.tooLarge': (p: { maxMb: number }) =>
    `Tệp quá lớn: bot nhận tệp tối đa ${n(p.maxMb)} MB. Đồng chí tách danh sách thành nhiều tệp rồi gửi lại; chưa có gì được lưu.`,
  'import.unreadable':
    'Bot không đọc được tệp này. Đồng chí gửi tệp Excel (.xlsx, .xls) hoặc CSV (UTF-8); chưa có gì được lưu.',
  'import.noSheets':
    'Tệp không có trang «Đơn vị», «Cán bộ» hay «Khen thưởng» với tiêu đề cột bot nhận ra. Gõ <code>/nhap mau</code> để lấy tệp mẫu; chưa có gì được lưu.',
  'import.tooManyRows': (p: { sheet: string; rows: number; max: number }) =>
    `Trang «${p.sheet}» có ${n(p.rows)} dòng, quá giới hạn ${n(p.max)} dòng mỗi trang. Đồng chí tách thành nhiều tệp; chưa có gì được lưu.`,
  'import.notFound': 'Không tìm thấy lần nhập này.',
  'import.notYours': 'Chỉ quản trị viên đã gửi tệp mới được áp dụng hoặc hủy lần nhập này.',
  'import.expired': 'Lần nhập này đã quá 30 phút và đã bị xóa. Đồng chí gửi lại tệp để xem trước lần nữa.',
  'import.finished': 'Lần nhập này đã được áp dụng hoặc đã hủy.',
  'import.stale':
    'Danh sách trong bot đã thay đổi từ lúc xem trước, nên chưa áp dụng gì. Đây là bản xem trước mới; bấm «Áp dụng» lần nữa nếu đồng ý.',
  'import.preview': (p: { file: string; minutes: number }) =>
    `📋 <b>Xem trước nhập danh sách</b> «${p.file}» (chưa lưu gì; nút áp dụng còn hiệu lực ${n(p.minutes)} phút):`,
  'import.units': (p: { created: number; renamed: number; moved: number }) =>
    `• Đơn vị: ${n(p.created)} mới, ${n(p.renamed)} đổi tên, ${n(p.moved)} đổi cấp trên`,
  'import.people': (p: { created: number; changed: number; transferred: number; left: number; returned: number }) =>
    `• Cán bộ: ${n(p.created)} mới, ${n(p.changed)} thay đổi, ${n(p.transferred)} chuyển đơn vị, ${n(p.left)} nghỉ, ${n(p.returned)} trở lại`,
  'import.missing': (p: { count: number }) =>
    `• Không có trong tệp: ${n(p.count)} đồng chí (chỉ đánh dấu đã nghỉ nếu đồng chí chọn)`,
  'import.roles': (p: { granted: number; revoked: number; linked: number }) =>
    `• Vai trò chỉ huy: ${n(p.granted)} cấp, ${n(p.revoked)} thu hồi; tài khoản Telegram liên kết ngay: ${n(p.linked)}`,
  'import.history': (p: { history: number; commendations: number; changed: number }) =>
    `• Lịch sử đơn vị: ${n(p.history)} dòng; khen thưởng: ${n(p.commendations)} mới, ${n(p.changed)} sửa`,
  'import.nothing': '✅ Danh sách trong tệp đã khớp với bot: không có gì thay đổi.',
  'import.errorsHeader': (p: { count: number }) => `⚠️ ${n(p.count)} dòng bị bỏ qua:`,
  'import.errorLine': (p: { sheet: string; row: number; reason: Html }) =>
    `• ${p.sheet}, dòng ${n(p.row)}: ${p.reason}`,
  'import.ignoredSheets': (p: { sheets: string }) => `Các trang không nhận ra, bỏ qua: ${p.sheets}`,
  'import.applied': (p: { people: number; units: number; left: number }) =>
    `✅ Đã nhập danh sách: ${n(p.people)} cán bộ mới hoặc thay đổi, ${n(p.units)} đơn vị mới hoặc thay đổi, ${n(p.left)} đồng chí đánh dấu đã nghỉ.`,
  'import.cancelled': 'Đã hủy lần nhập; nội dung tệp đã được xóa.',
  'import.field.code': 'mã',
  'import.field.name': 'tên',
  'import.field.parentCode': 'mã cấp trên',
  'import.field.fullName': 'họ tên',
  'import.field.rank': 'cấp bậc',
  'import.field.position': 'chức vụ',
  'import.field.unitCode': 'mã đơn vị',
  'import.field.serviceNumber': 'số hiệu',
  'import.field.telegram': 'Telegram',
  'import.field.role': 'vai trò',
  'import.field.leftOn': 'nghỉ từ ngày',
  'import.field.year': 'năm',
  'import.field.title': 'danh hiệu hoặc hình thức',
  'import.field.decisionNumber': 'số quyết định',
  'import.field.decisionDate': 'ngày',
  'import.field.issuingLevel': 'cấp quyết định',
  'import.row.missing': (p: { field: string }) => `thiếu ${p.field}`,
  'import.row.tooLong': (p: { field: string; max: number }) => `${p.field} quá dài (tối đa ${n(p.max)} ký tự)`,
  'import.row.badUnitCode': (p: { value: string }) =>
    `mã đơn vị «${p.value}» không hợp lệ (chữ không dấu, số, - và _, tối đa 32 ký tự)`,
  'import.row.badDate': (p: { field: string; value: string }) =>
    `${p.field} «${p.value}» không phải ngày (viết dd/mm/yyyy)`,
  'import.row.badTelegram': (p: { value: string }) => `Telegram «${p.value}» không phải @tên_người_dùng hay số id`,
  'import.row.badRole': (p: { value: string }) => `vai trò «${p.value}» không rõ (chỉ huy hoặc cán bộ)`,
  'import.row.badYear': (p: { value: string }) => `năm «${p.value}» không hợp lệ`,
  'import.row.needPerson': 'cần số hiệu, hoặc họ tên cùng mã đơn vị',
  'import.row.duplicateUnit': (p: { code: string; firstRow: number }) =>
    `mã đơn vị ${p.code} đã có ở dòng ${n(p.firstRow)}`,
  'import.row.duplicateServiceNumber': (p: { serviceNumber: string; firstRow: number }) =>
    `số hiệu ${p.serviceNumber} trùng với dòng ${n(p.firstRow)}`,
  'import.row.duplicateAccount': (p: { account: string; firstRow: number }) =>
    `tài khoản ${p.account} trùng với dòng ${n(p.firstRow)}`,
  'import.row.duplicatePerson': (p: { firstRow: number }) =>
    `trùng họ tên và đơn vị với dòng ${n(p.firstRow)} (thêm số hiệu để phân biệt)`,
  'import.row.duplicateCommendation': (p: { firstRow: number }) => `trùng với dòng ${n(p.firstRow)}`,
  'import.row.unknownUnit': (p: { code: string }) => `không có đơn vị mã ${p.code} (trong bot hay trong tệp)`,
  'import.row.parentCycle': (p: { codes: string }) => `cấp trên vòng tròn: ${p.codes}`,
  'import.row.unknownPerson': 'không tìm thấy cán bộ này trong danh sách',
  'import.row.ambiguousPerson': (p: { count: number }) =>
    `${n(p.count)} cán bộ cùng họ tên trong đơn vị; ghi số hiệu để phân biệt`,
  'import.row.samePerson': (p: { firstRow: number }) => `cùng một cán bộ với dòng ${n(p.firstRow)}`,
  'import.row.accountTaken': (p: { account: string; name: string }) =>
    `tài khoản ${p.account} đã liên kết với ${p.name}`,
  'import.row.linkedElsewhere': (p: { name: string }) =>
    `${p.name} đã liên kết với tài khoản khác; chỉ huy gỡ liên kết trước`,
  'roster.notAllowed': 'Danh sách cán bộ chỉ dành cho chỉ huy của đơn vị (hoặc đơn vị cấp trên) và quản trị viên.',
  'roster.personNotFound': 'Không tìm thấy cán bộ này trong danh sách.',
  'roster.ambiguous': 'Có nhiều cán bộ trùng tên; đồng chí chọn một người:',
  'roster.personLeft': (p: { name: string }) => `${p.name} đã nghỉ, không liên kết được.`,
  'roster.personLinked': (p: { name: string }) =>
    `${p.name || 'Cán bộ này'} đã liên kết với một tài khoản khác. Chỉ huy của đơn vị liên kết lại nếu cần.`,
  'roster.accountLinked': (p: { name: string }) => `Tài khoản này đã liên kết với ${p.name}.`,
  'roster.youAreLinked': (p: { name: string }) => `Tài khoản của đồng chí đã liên kết với ${p.name}.`,
  'roster.requestPending': 'Đồng chí đã gửi yêu cầu này; đang chờ chỉ huy xác nhận.',
  'roster.requestNotFound': 'Không tìm thấy yêu cầu liên kết này.',
  'roster.requestDecided': 'Yêu cầu này đã được xử lý.',
  'roster.notLinked': 'Cán bộ này chưa liên kết tài khoản Telegram nào.',
  'roster.week': (p: { from: string; to: string }) =>
    `👥 <b>Danh sách cán bộ</b>, tuần ${formatShortDay(p.from)}–${formatShortDay(p.to)}:`,
  'roster.unitLine': (p: { code: string; name: string; silent: number; active: number }) =>
    `<b>${p.code}</b> ${p.name}: ${n(p.silent)}/${n(p.active)} đồng chí chưa ghi nhận`,
  'roster.personLine': (p: { name: string; link: string; last: string }) => `• ${p.name} · ${p.link} · ${p.last}`,
  'roster.link.linked': 'đã liên kết',
  'roster.link.pending': 'chờ liên kết',
  'roster.link.unlinked': 'chưa liên kết',
  'roster.lastEntry': (p: { day: string }) => `ghi gần nhất ${formatDay(p.day)}`,
  'roster.noEntry': 'chưa ghi lần nào',
  // The roster's chat side (issue 16): src/features/roster/roster-chat.ts.
  'roster.whoami': (p: { id: number; admin: boolean }) =>
    `🪪 Mã Telegram (id) của đồng chí: <code>${p.id}</code>\n` +
    (p.admin
      ? 'Đồng chí đã là quản trị viên của bot (có trong ADMIN_IDS).'
      : 'Để làm quản trị viên của bot, thêm số này vào <code>ADMIN_IDS</code> trong tệp <code>.env</code> (nhiều số cách nhau bằng dấu phẩy) rồi khởi động lại bot.'),
  'roster.privateOnly': 'Lệnh này chỉ dùng trong tin nhắn riêng với bot.',
  'chat.plainText': 'Bot nhận lệnh bắt đầu bằng dấu «/». Gõ /huongdan để xem các lệnh đồng chí dùng được.',
  'import.usage':
    'Gửi tệp danh sách (.xlsx hoặc .csv) trong tin nhắn riêng với bot, chú thích <code>/nhap</code>, hoặc trả lời <code>/nhap</code> vào tin nhắn có tệp. <code>/nhap mau</code> gửi tệp mẫu; <code>/xuat danhsach</code> gửi danh sách hiện có.',
  'import.downloadFailed': 'Không tải được tệp từ Telegram. Đồng chí gửi lại sau ít phút; chưa có gì được lưu.',
  'import.apply': '✅ Áp dụng',
  'import.applyMarkLeft': '✅ Áp dụng, đánh dấu người vắng là đã nghỉ',
  'import.cancel': '❌ Hủy',
  'import.templateCaption':
    'Tệp mẫu nhập danh sách: ba trang «Đơn vị», «Cán bộ», «Khen thưởng», mỗi trang hai dòng ví dụ. Điền rồi gửi lại với chú thích /nhap.',
  'roster.exportCaption': (p: { people: number; units: number }) =>
    `Danh sách cán bộ: ${n(p.people)} đồng chí, ${n(p.units)} đơn vị. Sửa rồi gửi lại với chú thích /nhap.`,
  'roster.unknownUnit': (p: { code: string }) => `Không có đơn vị mã "${p.code}".`,
  'link.usage':
    'Trả lời <code>/lienket &lt;số hiệu hoặc họ tên&gt;</code> vào tin nhắn của cán bộ để liên kết tài khoản của họ với danh sách.',
  'link.done': (p: { name: string }) => `🔗 Đã liên kết tài khoản với ${p.name}.`,
  'link.unchanged': (p: { name: string }) => `Tài khoản này đã liên kết với ${p.name}; không có gì thay đổi.`,
  'invite.usage':
    'Gõ <code>/moi MÃ_ĐƠN_VỊ</code> (hoặc <code>/moi</code> trong nhóm của đơn vị) để lấy đường dẫn mời cán bộ liên kết tài khoản.',
  'invite.unknownUnit': (p: { code: string }) => `Không có đơn vị mã "${p.code}". Gõ /unit list để xem các mã.`,
  'invite.notCommander': (p: { unit: string }) =>
    `Chỉ chỉ huy của ${p.unit} (hoặc cấp trên) và quản trị viên được mời cán bộ vào đơn vị này.`,
  'invite.link': (p: { unit: string; link: string }) =>
    `Đường dẫn mời cán bộ ${p.unit}: ${p.link}\nCán bộ bấm vào, rồi gõ <code>/toila &lt;số hiệu&gt;</code>; chỉ huy xác nhận thì tài khoản mới được liên kết.`,
  'invite.start': (p: { unit: string }) =>
    `Đồng chí được mời vào <b>${p.unit}</b>. Gõ <code>/toila &lt;số hiệu&gt;</code> để đề nghị chỉ huy xác nhận tài khoản Telegram này là của đồng chí.`,
  'invite.startLinked': (p: { name: string }) => `Tài khoản này đã được liên kết với đồng chí ${p.name}.`,
  'iam.usage':
    'Gõ <code>/toila &lt;số hiệu&gt;</code> trong tin nhắn riêng với bot để xin liên kết tài khoản với danh sách.',
  'iam.sent': 'Đã gửi yêu cầu đến chỉ huy của đơn vị. Đồng chí sẽ nhận tin khi yêu cầu được xác nhận.',
  'iam.noDecider': 'Chưa có chỉ huy hay quản trị viên nào nhận được yêu cầu; đồng chí nhờ chỉ huy dùng /lienket.',
  'iam.card': (p: { asker: Html; name: string; unit: string }) =>
    `🙋 ${p.asker} xin liên kết tài khoản Telegram với <b>${p.name}</b> (${p.unit}). Đồng chí xác nhận đúng người?`,
  'iam.confirm': '✅ Đúng người',
  'iam.refuse': '❌ Không phải',
  'iam.confirmed': (p: { name: string }) => `✅ Đã liên kết tài khoản với ${p.name}.`,
  'iam.refused': 'Đã từ chối yêu cầu liên kết.',
  'iam.askerConfirmed': (p: { name: string }) =>
    `✅ Chỉ huy đã xác nhận: tài khoản của đồng chí liên kết với ${p.name}.`,
  'iam.askerRefused': 'Chỉ huy đã từ chối yêu cầu liên kết của đồng chí.',
  // Issue 18 (lawcheck): the acts the year's rules cite since 2024.
  'year.act.circular-04-2024-bca': 'Thông tư số 04/2024/TT-BCA của Bộ trưởng Bộ Công an',
  'year.act.circular-01-2024-bnv': 'Thông tư số 01/2024/TT-BNV của Bộ trưởng Bộ Nội vụ',
  // Issue 18, the year's gaps (helper yeargaps): /hoso's titles and chains, tied reviews, written votes, the place.
  'profile.titleProposed': (p: { title: string }) => `${p.title} (đã được đề nghị, chờ quyết định)`,
  'profile.prospectsHeader': '\n<b>Danh hiệu cao hơn có thể được đề nghị</b>',
  'profile.prospect': (p: { title: string; year: number; next: boolean; of: string; years: number; needed: number }) =>
    `• Đủ điều kiện đề nghị ${p.title} năm ${p.year}${p.next ? ' (năm sau)' : ''}: ${p.years} năm liên tục ${p.of} (cần ${p.needed}).`,
  'profile.prospectIf': (p: {
    title: string;
    year: number;
    next: boolean;
    of: string;
    years: number;
    needed: number;
  }) =>
    `• Đủ điều kiện đề nghị ${p.title} năm ${p.year}${p.next ? ' (năm sau)' : ''} nếu đạt ${p.of} năm ${p.year}: đã có ${p.years} năm liên tục (cần ${p.needed}).`,
  'yearChat.tieNote': (p: { tied: number; seats: number }) =>
    `⚖️ ${p.tied} đồng chí ngang phiếu ở suất cuối của chỉ tiêu (còn ${p.seats} suất): không ai trong số đó được đề nghị tự động. Chỉ huy đơn vị hoặc Hội đồng Thi đua – Khen thưởng quyết định (bỏ phiếu lại giữa những người ngang phiếu hoặc chọn), rồi ghi vào quyết định công nhận.`,
  'paper.minutes.tieNote': (p: { tied: number; seats: number }) =>
    `Có ${p.tied} đồng chí ngang phiếu ở suất cuối của chỉ tiêu (còn ${p.seats} suất); không đồng chí nào trong số đó được đề nghị theo kết quả bỏ phiếu. Việc lựa chọn do thủ trưởng đơn vị hoặc Hội đồng Thi đua – Khen thưởng quyết định.`,
  'year.error.writtenCouncilOnly': 'Phiếu giấy chỉ được ghi cho cuộc bỏ phiếu của Hội đồng Thi đua – Khen thưởng.',
  'year.error.writtenCounts': (p: { ballots: number; candidates: number }) =>
    `Số phiếu không khớp: cần đúng ${p.candidates} cặp <code>đồng ý/không đồng ý</code> (một cặp cho mỗi người trong danh sách, theo thứ tự phiếu), mỗi cặp cộng lại không quá ${p.ballots} phiếu, và mỗi thành viên chỉ ghi một lần.`,
  'year.error.notCouncilVoter':
    'Có số thứ tự không phải thành viên Hội đồng từ khi mở bỏ phiếu (hoặc đã thôi là thành viên): không có phiếu. Xem số thứ tự bằng /hoidong list.',
  'year.error.writtenTwice': 'Phiếu giấy của (một trong) các đồng chí này đã được ghi rồi.',
  'year.error.votedInChat': '(Một trong) các đồng chí này đã bỏ phiếu qua tin nhắn; không ghi thêm phiếu giấy.',
  'year.error.votedInWriting': 'Phiếu của đồng chí đã được nộp bằng giấy; không bỏ phiếu qua tin nhắn được nữa.',
  'yearChat.writtenUsage':
    'Cú pháp (quản trị): <code>/hoidong phieu &lt;danh hiệu&gt; [năm] &lt;số thứ tự thành viên, cách nhau bởi dấu phẩy&gt; [comat] &lt;đồng ý&gt;/&lt;không đồng ý&gt; …</code>, một cặp cho mỗi người trong danh sách theo thứ tự phiếu, ví dụ <code>/hoidong phieu cstdcs 3,5 2/0 1/1</code>. Số thứ tự theo <code>/hoidong list</code>; thêm <code>comat</code> khi phiếu giấy được bỏ tại cuộc họp (tính vào số có mặt), không có là phiếu gửi bằng văn bản của thành viên vắng mặt. Ghi các phiếu giấy cùng một lần sau khi mở phiếu, để không ai biết ai bầu thế nào.',
  'yearChat.writtenRecorded': (p: { count: number; present: boolean; title: string; year: number; total: number }) =>
    `📝 Đã ghi ${n(p.count)} phiếu ${p.present ? 'giấy bỏ tại cuộc họp' : 'gửi bằng văn bản'} vào bỏ phiếu “${p.title}” năm ${p.year} của Hội đồng (tổng ${n(p.total)} phiếu giấy). Chỉ ghi tổng số, không ghi ai bầu thế nào.`,
  'yearChat.writtenLine': (p: { present: number; absent: number }) =>
    `📝 Phiếu giấy: ${n(p.present)} bỏ tại cuộc họp, ${n(p.absent)} gửi bằng văn bản (không tính vào số có mặt).`,
  'paper.minutes.writtenVote': 'gửi phiếu bằng văn bản',
  // The export's CSV left out when both files would pass the limit (lead).
  'export.csvLeftOut': (p: { megabytes: number }) =>
    `Tệp CSV cùng kỳ vượt giới hạn ${n(p.megabytes)} MB mà bot gửi được nên chỉ gửi tệp XLSX (cùng dữ liệu). Cần CSV, đồng chí chọn kỳ ngắn hơn hoặc một đơn vị cấp dưới.`,
};

/** The shape every catalog must have: the Vietnamese master's keys and parameters. */
export type Texts = { [K in keyof typeof vi]: (typeof vi)[K] extends string ? string : (typeof vi)[K] };
