// Numbers, rates and times the Chinese way: 12,345; 12.3万; 1.2亿; 66.7%; 2026-02-01 09:30 (Beijing time).

const plain = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const WAN = 1e4;
const YI = 1e8;

/** A count or amount: below 100,000 in full with grouping, then 万 (ten thousand), then 亿 (hundred million). */
export function num(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const v = Number(value);
  if (!Number.isFinite(v)) {
    return '—';
  }
  const abs = Math.abs(v);
  if (abs < 10 * WAN) {
    return plain.format(v);
  }
  const wan = Math.round(v / WAN * 10) / 10;
  if (Math.abs(wan) < WAN) {
    return oneDecimal.format(wan) + '万';
  }
  return oneDecimal.format(Math.round(v / YI * 10) / 10) + '亿';
}

/** A rate of the API (0.6667) as a percentage (66.7%); null means "no basis for a rate". */
export function pct(rate) {
  if (rate === null || rate === undefined) {
    return '—';
  }
  return oneDecimal.format(Number(rate) * 100) + '%';
}

const stamp = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An instant shown in Beijing time, e.g. 2026/02/01 09:30:05. */
export function time(iso) {
  return iso ? stamp.format(new Date(iso)) : '—';
}

export const LEVELS = { NATION: '全国', PROVINCE: '省级', PREFECTURE: '市级', COUNTY: '区县' };
export const KINDS = { DEPARTMENT: '部门', GOVERNMENT: '人民政府', TOWNSHIP: '乡镇（街道）' };
export const STATUSES = { NOT_FILED: '未报送', WITHDRAWN: '已撤回' };
