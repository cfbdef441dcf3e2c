import { formatDay, formatNumber, formatShortDay, type Html } from './format';

const n = (value: number) => formatNumber('vi', value);

/** The master catalog: every user-facing string, in Vietnamese. Parameters arrive HTML-escaped. */
export const vi = {
  'error.generic': 'Đã có lỗi xảy ra, vui lòng thử lại sau ít phút.',
  'chat.notRegistered':
    'Nhóm này chưa gắn với đơn vị nào. Quản trị viên gõ <code>/register MÃ_ĐƠN_VỊ</code> để đăng ký nhóm.',
  'chat.groupOnly': 'Lệnh này dùng trong nhóm của đơn vị. Hãy mở nhóm Telegram của đơn vị và gõ lại lệnh ở đó.',
  'auth.adminOnly': 'Chỉ quản trị viên của bot được dùng lệnh này.',
  'auth.commanderOrAdmin': 'Chỉ chỉ huy của đơn vị hoặc quản trị viên được dùng lệnh này trong nhóm.',
  'command.unknown': 'Tôi không hiểu lệnh này. Gõ /help để xem các lệnh.',

  start: (p: { name: string }) =>
    `Xin chào ${p.name}! Tôi là bot thi đua "Nụ cười chiến sĩ": ghi kết quả công tác của đơn vị, xếp hạng và tổng hợp.\n` +
    'Gõ /help để xem hướng dẫn.',
  help: (p: { admin: boolean }) =>
    [
      '<b>Hướng dẫn</b>',
      '/log <i>chỉ tiêu</i> <i>số lượng</i> [<i>ngày</i>] [<i>ghi chú</i>] (/ghi): ghi kết quả, ví dụ <code>/log cccd 120</code>, <code>/log cccd 120 dkoto 5 hôm qua</code>',
      '/undo (/hoantac): hoàn tác lần ghi gần nhất của bạn (trong 24 giờ)',
      '/me (/toi): kết quả của bạn tuần này và tháng này',
      '/top [<i>chỉ tiêu</i>] [tuan|thang|nam] (/bxh): bảng xếp hạng',
      '/metrics (/chitieu): danh mục chỉ tiêu và tên gọi khác',
      '/lang vi|en (/ngonngu): đổi ngôn ngữ của nhóm',
      'Ngày ghi: <code>hôm qua</code>, <code>23/11</code>, <code>23/11/2026</code> hoặc <code>2026-11-23</code>. Số có thể viết 1.400, 1,400 hoặc 1400.',
      ...(p.admin
        ? [
            '',
            '<b>Quản trị</b>',
            '/unit add <i>MÃ</i> <i>tên đơn vị</i> [parent=<i>MÃ_CẤP_TRÊN</i>], /unit list',
            '/register <i>MÃ</i>: gắn nhóm này với đơn vị',
            '/role commander|officer: trả lời tin nhắn của một người (hoặc nhắc tên họ) để đặt vai trò chỉ huy hoặc cán bộ',
            '/metric add <i>mã</i> <i>tên</i> | <i>English name</i> | <i>đơn vị tính</i>; /metric alias <i>mã</i> <i>tên gọi khác</i>; /metric max <i>mã</i> <i>số</i>',
          ]
        : []),
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
    `"${p.amount}" không phải số lượng hợp lệ. Hãy nhập số nguyên dương, ví dụ 120 hoặc 1.400.`,
  'log.amountNotPositive': (p: { amount: string }) => `Số lượng phải lớn hơn 0 (bạn nhập "${p.amount}").`,
  'log.amountTooLarge': (p: { amount: string; max: number; metric: string }) =>
    `Số lượng ${p.amount} vượt mức tối đa ${n(p.max)} cho một lần ghi "${p.metric}". Nếu đúng, hãy ghi thành nhiều lần hoặc báo quản trị viên.`,
  'log.repeatedMetric': (p: { metric: string }) =>
    `Chỉ tiêu "${p.metric}" xuất hiện hai lần trong một lệnh. Hãy cộng lại thành một số.`,
  'log.badDate': (p: { date: string }) =>
    `Ngày "${p.date}" không hợp lệ. Dùng <code>hôm qua</code>, <code>23/11</code>, <code>23/11/2026</code> hoặc <code>2026-11-23</code>.`,
  'log.futureDay': (p: { day: string }) => `Không thể ghi cho ngày ${formatDay(p.day)} vì ngày đó chưa đến.`,
  'log.tooOld': (p: { day: string; days: number }) =>
    `Ngày ${formatDay(p.day)} đã quá ${p.days} ngày, không ghi bù được. Hãy báo chỉ huy đơn vị.`,
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

  'undo.done': (p: { lines: Html }) => `↩️ Đã hoàn tác:\n${p.lines}`,
  'undo.doneBy': (p: { lines: Html; by: Html }) => `↩️ ${p.by} đã hoàn tác:\n${p.lines}`,
  'undo.nothing': 'Bạn không có lần ghi nào trong 24 giờ qua để hoàn tác.',
  'undo.notFound': 'Không tìm thấy lần ghi tương ứng với tin nhắn này.',
  'undo.alreadyUndone': 'Lần ghi này đã được hoàn tác trước đó.',
  'undo.notAuthor': 'Chỉ người ghi mới được hoàn tác bằng nút này.',
  'undo.buttonExpired': 'Nút hoàn tác đã hết hạn. Hãy gõ /undo.',
  'undo.notAllowed': 'Chỉ chỉ huy của đơn vị mới được hoàn tác lần ghi của người khác.',

  'me.header': (p: { name: string }) => `<b>Kết quả của ${p.name}</b>`,
  'me.week': (p: { from: string; to: string }) => `Tuần này (${formatDay(p.from)}–${formatDay(p.to)}):`,
  'me.month': (p: { month: string }) => `Tháng ${p.month}:`,
  'me.none': '  (chưa có)',

  'top.usage': 'Cú pháp: <code>/top [chỉ_tiêu] [tuan|thang|nam]</code>, ví dụ <code>/top cccd thang</code>.',
  'top.unknownMetric': (p: { metric: string }) => `Không có chỉ tiêu "${p.metric}". Gõ /metrics để xem danh mục.`,
  'top.header': (p: { scope: string; period: string }) => `🏆 <b>Bảng xếp hạng ${p.scope}</b> (${p.period})`,
  'top.metric': (p: { metric: string; countUnit: string }) => `<b>${p.metric}</b> (${p.countUnit})`,
  'top.row': (p: { rank: number; name: string; amount: number }) => `${p.rank}. ${p.name}: ${n(p.amount)}`,
  'top.empty': 'Chưa có kết quả nào trong kỳ này.',
  'period.week': (p: { from: string; to: string }) => `tuần ${formatDay(p.from)}–${formatDay(p.to)}`,
  'period.month': (p: { month: string }) => `tháng ${p.month}`,
  'period.year': (p: { year: string }) => `năm ${p.year}`,

  'metrics.header': '<b>Danh mục chỉ tiêu</b> (mã, tên, đơn vị tính, tối đa mỗi lần ghi)',
  'metrics.line': (p: { code: string; name: string; countUnit: string; max: number; aliases: string }) =>
    `• <code>${p.code}</code> ${p.name} (${p.countUnit}, ≤ ${n(p.max)})${p.aliases ? `\n   cũng gọi: ${p.aliases}` : ''}`,

  'unit.usage': 'Cú pháp: <code>/unit add MÃ Tên đơn vị [parent=MÃ_CẤP_TRÊN]</code> hoặc <code>/unit list</code>.',
  'unit.badCode': (p: { code: string }) =>
    `Mã đơn vị "${p.code}" không hợp lệ: chỉ dùng chữ không dấu, số, "-" và "_" (tối đa 32 ký tự).`,
  'unit.missingName': 'Thiếu tên đơn vị. Ví dụ: <code>/unit add PC06 Phòng Cảnh sát QLHC về TTXH parent=CAT</code>.',
  'unit.added': (p: { code: string; name: string }) => `Đã thêm đơn vị <b>${p.code}</b>: ${p.name}.`,
  'unit.exists': (p: { code: string }) => `Đơn vị ${p.code} đã có.`,
  'unit.unknownParent': (p: { code: string }) =>
    `Không có đơn vị cấp trên "${p.code}". Gõ <code>/unit list</code> để xem.`,
  'unit.listHeader': '<b>Các đơn vị</b>',
  'unit.listEmpty': 'Chưa có đơn vị nào. Thêm bằng <code>/unit add MÃ Tên đơn vị</code>.',
  'unit.listLine': (p: { depth: number; code: string; name: string; groups: number }) =>
    `${'  '.repeat(p.depth)}• <b>${p.code}</b> ${p.name}${p.groups ? ` (${p.groups} nhóm)` : ''}`,

  'register.usage': 'Cú pháp: <code>/register MÃ_ĐƠN_VỊ</code>, gõ trong nhóm của đơn vị.',
  'register.unknownUnit': (p: { code: string }) => `Không có đơn vị "${p.code}". Gõ <code>/unit list</code> để xem.`,
  'register.done': (p: { code: string; name: string }) =>
    `Nhóm này đã gắn với đơn vị <b>${p.code}</b> (${p.name}). Cán bộ có thể bắt đầu ghi bằng <code>/log cccd 120</code>.`,

  'role.usage':
    'Cú pháp: trả lời tin nhắn của một người bằng <code>/role commander</code> (chỉ huy) hoặc <code>/role officer</code> (cán bộ), hoặc nhắc tên họ sau lệnh.',
  'role.noTarget': 'Hãy trả lời tin nhắn của người cần đặt vai trò, hoặc nhắc tên họ (mention) sau lệnh.',
  'role.commander': (p: { name: string; unit: string }) => `${p.name} là chỉ huy của ${p.unit}.`,
  'role.officer': (p: { name: string; unit: string }) => `${p.name} là cán bộ của ${p.unit}.`,

  'metric.usage':
    'Cú pháp: <code>/metric add mã tên | English name | đơn vị tính</code>, <code>/metric alias mã tên gọi khác</code>, <code>/metric max mã số</code>.',
  'metric.badCode': (p: { code: string }) =>
    `Mã chỉ tiêu "${p.code}" không hợp lệ: chữ thường không dấu và số, tối đa 24 ký tự.`,
  'metric.badMax': (p: { max: string }) => `"${p.max}" không phải mức tối đa hợp lệ (số nguyên dương).`,
  'metric.added': (p: { code: string; name: string }) => `Đã thêm chỉ tiêu <code>${p.code}</code>: ${p.name}.`,
  'metric.exists': (p: { code: string }) => `Chỉ tiêu hoặc tên gọi "${p.code}" đã có.`,
  'metric.unknown': (p: { code: string }) => `Không có chỉ tiêu "${p.code}".`,
  'metric.aliasAdded': (p: { alias: string; code: string }) =>
    `"${p.alias}" nay cũng là tên gọi của <code>${p.code}</code>.`,
  'metric.maxSet': (p: { code: string; max: number }) =>
    `Mức tối đa mỗi lần ghi của <code>${p.code}</code>: ${n(p.max)}.`,

  'menu.log': 'Ghi kết quả: /log cccd 120',
  'menu.undo': 'Hoàn tác lần ghi gần nhất',
  'menu.me': 'Kết quả của tôi',
  'menu.top': 'Bảng xếp hạng',
  'menu.metrics': 'Danh mục chỉ tiêu',
  'menu.help': 'Hướng dẫn',
  'menu.lang': 'Đổi ngôn ngữ (vi/en)',
};
