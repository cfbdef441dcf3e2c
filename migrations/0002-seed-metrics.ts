import type { Kysely, Migration } from 'kysely';

interface SeedMetric {
  code: string;
  name_vi: string;
  name_en: string;
  count_unit_vi: string;
  count_unit_en: string;
  max_per_entry: number;
  report_phrase_vi: string;
  report_phrase_en: string;
  aliases: string[];
}

/** The ten tallies of the campaign (shared/DOMAIN.md). Aliases are stored folded: lower case, no diacritics. */
export const SEED_METRICS: readonly SeedMetric[] = [
  {
    code: 'cccd',
    name_vi: 'Cấp mới căn cước công dân',
    name_en: 'New citizen ID cards issued',
    count_unit_vi: 'thẻ',
    count_unit_en: 'cards',
    max_per_entry: 5_000,
    report_phrase_vi: 'cấp mới {amount} căn cước công dân',
    report_phrase_en: 'issued {amount} new citizen ID cards',
    aliases: ['can cuoc', 'can cuoc cong dan', 'cancuoc', 'id'],
  },
  {
    code: 'vlnc',
    name_vi: 'Giấy phép vận chuyển vật liệu nổ công nghiệp',
    name_en: 'Industrial-explosives transport permits',
    count_unit_vi: 'giấy phép',
    count_unit_en: 'permits',
    max_per_entry: 1_000,
    report_phrase_vi: 'cấp {amount} giấy phép vận chuyển vật liệu nổ công nghiệp',
    report_phrase_en: 'issued {amount} industrial-explosives transport permits',
    aliases: ['vlncn', 'vat lieu no', 'vat lieu no cong nghiep'],
  },
  {
    code: 'antt',
    name_vi: 'Giấy chứng nhận đủ điều kiện về an ninh trật tự',
    name_en: 'Security-and-order certificates',
    count_unit_vi: 'giấy',
    count_unit_en: 'certificates',
    max_per_entry: 500,
    report_phrase_vi: 'cấp {amount} giấy chứng nhận đủ điều kiện về an ninh trật tự',
    report_phrase_en: 'issued {amount} security-and-order certificates',
    aliases: ['an ninh trat tu', 'anninh'],
  },
  {
    code: 'dkoto',
    name_vi: 'Đăng ký mới xe ô tô',
    name_en: 'New car registrations',
    count_unit_vi: 'xe',
    count_unit_en: 'cars',
    max_per_entry: 2_000,
    report_phrase_vi: 'đăng ký mới {amount} xe ô tô',
    report_phrase_en: 'registered {amount} new cars',
    aliases: ['oto', 'o to', 'xe oto', 'xe o to', 'dang ky oto', 'dang ky o to'],
  },
  {
    code: 'dktam',
    name_vi: 'Đăng ký tạm thời',
    name_en: 'Temporary registrations',
    count_unit_vi: 'trường hợp',
    count_unit_en: 'cases',
    max_per_entry: 5_000,
    report_phrase_vi: 'đăng ký tạm thời {amount} trường hợp',
    report_phrase_en: 'made {amount} temporary registrations',
    aliases: ['tam thoi', 'dang ky tam', 'dang ky tam thoi'],
  },
  {
    code: 'bienvang',
    name_vi: 'Cấp đổi biển số màu vàng',
    name_en: 'Yellow plates issued',
    count_unit_vi: 'phương tiện',
    count_unit_en: 'vehicles',
    max_per_entry: 2_000,
    report_phrase_vi: 'cấp đổi biển số màu vàng cho {amount} phương tiện',
    report_phrase_en: 'issued yellow plates to {amount} vehicles',
    aliases: ['bien vang', 'bien so vang', 'bien so mau vang'],
  },
  {
    code: 'tuyentruyen',
    name_vi: 'Tuyên truyền pháp luật về khiếu nại, tố cáo',
    name_en: 'People reached by legal outreach',
    count_unit_vi: 'lượt',
    count_unit_en: 'people',
    max_per_entry: 10_000,
    report_phrase_vi: 'tuyên truyền pháp luật về khiếu nại, tố cáo cho {amount} lượt quần chúng nhân dân',
    report_phrase_en: 'reached {amount} people with legal outreach on complaints and denunciations',
    aliases: ['tuyen truyen', 'tt'],
  },
  {
    code: 'khautrang',
    name_vi: 'Khẩu trang y tế tặng',
    name_en: 'Medical masks donated',
    count_unit_vi: 'chiếc',
    count_unit_en: 'masks',
    max_per_entry: 100_000,
    report_phrase_vi: 'tặng {amount} khẩu trang y tế',
    report_phrase_en: 'donated {amount} medical masks',
    aliases: ['khau trang', 'kt'],
  },
  {
    code: 'tamchan',
    name_vi: 'Tấm chắn giọt bắn tặng',
    name_en: 'Face shields donated',
    count_unit_vi: 'tấm',
    count_unit_en: 'shields',
    max_per_entry: 20_000,
    report_phrase_vi: 'tặng {amount} tấm chắn giọt bắn',
    report_phrase_en: 'donated {amount} face shields',
    aliases: ['tam chan', 'tam chan giot ban'],
  },
  {
    code: 'qua',
    name_vi: 'Suất quà tặng',
    name_en: 'Gift packages',
    count_unit_vi: 'suất',
    count_unit_en: 'packages',
    max_per_entry: 5_000,
    report_phrase_vi: 'tặng {amount} suất quà',
    report_phrase_en: 'gave {amount} gift packages',
    aliases: ['suat qua', 'qua tang'],
  },
];

export const seedMetrics: Migration = {
  async up(db: Kysely<unknown>) {
    const created_at = '2026-01-01T00:00:00.000Z';
    const target = db as unknown as Kysely<{
      metrics: Omit<SeedMetric, 'aliases'> & { sort_order: number; created_at: string };
      metric_aliases: { alias: string; metric_code: string };
    }>;
    for (const [index, { aliases, ...metric }] of SEED_METRICS.entries()) {
      await target
        .insertInto('metrics')
        .values({ ...metric, sort_order: index + 1, created_at })
        .execute();
      for (const alias of aliases)
        await target.insertInto('metric_aliases').values({ alias, metric_code: metric.code }).execute();
    }
  },
};
