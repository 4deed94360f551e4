// Renders each section of the dashboard from the API's answers. Text from the API only ever goes in as text.

import { el, fill, kpi } from './dom.js';
import { num, pct, time, KINDS, LEVELS, STATUSES } from './format.js';
import { draw, outcomeOption, pieOption, reviewOption, trendOption } from './charts.js';

const REFUSED = [['refusedStateSecret', '属于国家秘密'], ['refusedProhibitedByLaw', '其他法律行政法规禁止公开'],
  ['refusedSecurityStability', '危及“三安全一稳定”'], ['refusedThirdPartyRights', '保护第三方合法权益'],
  ['refusedInternalAffairs', '属于三类内部事务信息'], ['refusedProcessInformation', '属于四类过程性信息'],
  ['refusedEnforcementFiles', '属于行政执法案卷'], ['refusedInquiryMatters', '属于行政查询事项']];
const GROUPED = [
  ['无法提供', ['unavailableNotHeld', 'unavailableNeedsCreation', 'unavailableStillUnclear']],
  ['不予处理', ['notProcessedPetitions', 'notProcessedDuplicate', 'notProcessedPublications', 'notProcessedExcessive',
    'notProcessedConfirmation']],
  ['其他处理', ['otherNoCorrection', 'otherFeeUnpaid', 'otherOther', 'other']],
];
const APPLICANTS = [['naturalPerson', '自然人'], ['business', '商业企业'], ['research', '科研机构'],
  ['nonprofit', '社会公益组织'], ['legalServices', '法律服务机构'], ['otherOrg', '其他']];
const REVIEW_GROUPS = [['adminReview', '行政复议'], ['litigationDirect', '行政诉讼（未经复议直接起诉）'],
  ['litigationAfterReview', '行政诉讼（复议后起诉）']];
const REVIEW_OUTCOMES = [['upheld', '结果维持'], ['corrected', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结']];
const LEGACY = [['proactiveItemsPublished', '主动公开政府信息数量'], ['applicationsReceived', '收到政府信息公开申请数量'],
  ['feesCollectedYuan', '收取政府信息公开费用（元）'], ['adminReviewCases', '政府信息公开行政复议案件数量'],
  ['litigationCases', '政府信息公开行政诉讼案件数量']];

const cell = (view, key) => Number(view.cells[key] ?? 0);
const regionLabel = (r) => r.name || r.region;
export const isTabular = (view) => 'requests.new.total' in view.cells;

export function renderCompliance(view) {
  const c = view.compliance;
  const i = view.indicators;
  fill('kpis',
    kpi('expected', '应报机关', num(c.expected)),
    kpi('filed', '已报送', num(c.filed)),
    kpi('onTime', '按时报送', num(c.onTime), 'good'),
    kpi('late', '逾期报送', num(c.late), c.late > 0 ? 'warn' : null),
    kpi('missing', '尚未报送', num(c.missing), c.missing > 0 ? 'bad' : null),
    kpi('onTimeRate', '按时率', pct(i.onTimeRate)),
    kpi('filingRate', '报送率', pct(i.filingRate)));
}

const CHILD_COLUMNS = [
  ['name', '地区', (r) => regionLabel(r)],
  ['expected', '应报', (r) => r.compliance.expected],
  ['filed', '已报', (r) => r.compliance.filed],
  ['onTime', '按时', (r) => r.compliance.onTime],
  ['late', '逾期', (r) => r.compliance.late],
  ['missing', '未报', (r) => r.compliance.missing],
  ['onTimeRate', '按时率', (r) => r.indicators.onTimeRate],
  ['filingRate', '报送率', (r) => r.indicators.filingRate],
];

/** The child regions' compliance, sortable by each column; a region name links to its own view. */
export function renderChildren(children, year, sort, onSort, onOpen) {
  const rows = children.children.slice();
  const column = CHILD_COLUMNS.find((c) => c[0] === sort.key) || CHILD_COLUMNS[0];
  rows.sort((a, b) => {
    const x = column[2](a);
    const y = column[2](b);
    const order = typeof x === 'string' ? x.localeCompare(y, 'zh-CN') : (x ?? -1) - (y ?? -1);
    return sort.desc ? -order : order;
  });
  const own = children.own;
  const hasOwn = own.compliance.expected > 0 || own.compliance.filed > 0;
  const wrap = document.getElementById('children-wrap');
  wrap.hidden = rows.length === 0 && !hasOwn;
  document.getElementById('children-title').textContent = rows.length ? '下级地区' : '本级机关';
  const head = el('tr', {}, CHILD_COLUMNS.map(([key, label]) => {
    const mark = key === column[0] ? (sort.desc ? ' ▼' : ' ▲') : '';
    const button = el('button', { type: 'button', class: 'sort', 'data-sort': key }, label + mark);
    button.addEventListener('click', () => onSort(key));
    return el('th', { 'aria-sort': key === column[0] ? (sort.desc ? 'descending' : 'ascending') : null }, button);
  }));
  const line = (r, label, link) => el('tr', { 'data-region': r.region },
    el('td', {}, link ? regionLink(r, year, onOpen) : label),
    CHILD_COLUMNS.slice(1, 6).map(([key, , get]) => el('td', { class: 'n', 'data-col': key }, num(get(r)))),
    CHILD_COLUMNS.slice(6).map(([key, , get]) => el('td', { class: 'n', 'data-col': key }, pct(get(r)))));
  const body = rows.map((r) => line(r, regionLabel(r), true));
  if (hasOwn) {
    body.push(line(own, '本级（' + regionLabel(own) + '直属机关）', false));
  }
  fill('children', el('thead', {}, head), el('tbody', {}, body));
}

function regionLink(r, year, onOpen) {
  const a = el('a', { href: `/?region=${r.region}&year=${year}`, 'data-open': r.region }, regionLabel(r));
  a.addEventListener('click', (e) => {
    if (!e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      onOpen(r.region);
    }
  });
  return a;
}

export function renderBreadcrumb(path, year, onOpen) {
  const items = path.map((step, n) => {
    const label = step.name || step.region;
    const last = n === path.length - 1;
    return el('li', {}, last ? el('span', { 'aria-current': 'page' }, label + '（' + LEVELS[step.level] + '）')
      : regionLink({ region: step.region, name: label }, year, onOpen));
  });
  fill('breadcrumb', el('ol', {}, items));
}

export function renderMissing(page) {
  const partial = page.total > page.items.length ? '，按逾期天数列出前 ' + page.items.length + ' 家' : '';
  document.getElementById('missing-count').textContent = page.total === 0 ? '（无）'
    : `（共 ${num(page.total)} 家${partial}，截至 ${page.today}）`;
  if (page.total === 0) {
    fill('missing', el('tbody', {}, el('tr', {}, el('td', { class: 'empty' }, '应报机关均已报送。'))));
    return;
  }
  const head = el('tr', {}, ['机关名称', '所在地区', '类型', '截止日期', '逾期天数', '状态'].map((h) => el('th', {}, h)));
  const body = page.items.map((m) => el('tr', { 'data-agency': m.agencyCode },
    el('td', { class: 'agency-name' }, m.name || m.agencyCode),
    el('td', {}, m.regionName || m.regionCode),
    el('td', {}, KINDS[m.kind] || '—'),
    el('td', {}, m.deadline || '—'),
    el('td', { class: 'n' + (m.daysLate > 0 ? ' bad' : ''), 'data-col': 'daysLate' },
      m.daysLate === null ? '—' : m.daysLate > 0 ? `逾期 ${m.daysLate} 天` : '未到截止日'),
    el('td', {}, STATUSES[m.status] || m.status)));
  fill('missing', el('thead', {}, head), el('tbody', {}, body));
}

/** Table 三: outcome bars for the region and its children, applicant mix, and the carried-over balance. */
export function renderRequests(view, children, narrow) {
  const tabular = isTabular(view);
  document.getElementById('request-charts').hidden = !tabular;
  document.getElementById('legacy-note').hidden = tabular;
  if (!tabular) {
    fill('request-kpis', LEGACY.map(([key, label]) => kpi(key, label, num(view.cells[key]))));
    return;
  }
  const i = view.indicators;
  fill('request-kpis',
    kpi('carriedOver', '上年结转', num(cell(view, 'requests.carriedOver.total'))),
    kpi('newRequests', '本年新收', num(cell(view, 'requests.new.total'))),
    kpi('handled', '本年办结', num(cell(view, 'requests.totalHandled.total'))),
    kpi('carriedForward', '结转下年', num(cell(view, 'requests.carriedForward.total'))),
    kpi('disclosureRate', '公开率（含部分公开）', pct(i.disclosureRate)),
    kpi('refusalRate', '不予公开率', pct(i.refusalRate)));
  const regions = [{ ...view, name: regionLabel(view) + '（合计）' }, ...children.children.slice()
    .sort((a, b) => cell(b, 'requests.totalHandled.total') - cell(a, 'requests.totalHandled.total')).slice(0, 15)];
  const sum = (r, rows) => rows.reduce((t, row) => t + cell(r, `requests.${row}.total`), 0);
  const series = [
    { name: '予以公开', data: regions.map((r) => cell(r, 'requests.granted.total')) },
    { name: '部分公开', data: regions.map((r) => cell(r, 'requests.partlyGranted.total')) },
    ...REFUSED.map(([row, label]) => ({ name: '不予公开·' + label, data: regions.map((r) => sum(r, [row])) })),
    ...GROUPED.map(([label, rows]) => ({ name: label, data: regions.map((r) => sum(r, rows)) })),
  ];
  const outcome = document.getElementById('outcome-chart');
  outcome.style.height = Math.max(260, 90 + regions.length * 30) + 'px';
  draw('outcome-chart', outcomeOption(regions.map(regionLabel), series, narrow));
  draw('applicant-chart', pieOption('本年新收申请的申请人', APPLICANTS.map(([col, label]) => (
    { name: label, value: cell(view, `requests.new.${col}`) })), narrow));
  draw('review-chart', reviewOption(REVIEW_GROUPS.map((g) => g[1]), REVIEW_OUTCOMES.map(([col, label]) => (
    { name: label, data: REVIEW_GROUPS.map(([g]) => cell(view, `reviewAndLitigation.${g}.${col}`)) }))));
}

/** Table 四 as figures and a table (legacy years: the two case counts). */
export function renderReview(view) {
  const tabular = isTabular(view);
  const i = view.indicators;
  fill('review-kpis', tabular ? [
    kpi('reviewCorrectionRate', '行政复议纠错率', pct(i.reviewCorrectionRate)),
    kpi('litigationCorrectionRate', '行政诉讼纠错率', pct(i.litigationCorrectionRate)),
  ] : [kpi('adminReviewCases', '行政复议案件', num(view.cells.adminReviewCases)),
    kpi('litigationCases', '行政诉讼案件', num(view.cells.litigationCases))]);
  if (!tabular) {
    fill('review-table');
    return;
  }
  const head = el('tr', {}, el('th', {}, ''), REVIEW_OUTCOMES.map((o) => el('th', {}, o[1])), el('th', {}, '总计'));
  const body = REVIEW_GROUPS.map(([g, label]) => el('tr', {}, el('th', { scope: 'row' }, label),
    [...REVIEW_OUTCOMES.map((o) => o[0]), 'total'].map((col) => el('td', { class: 'n' },
      num(cell(view, `reviewAndLitigation.${g}.${col}`))))));
  fill('review-table', el('thead', {}, head), el('tbody', {}, body));
}

/** Table 二: every activeDisclosure cell of the year's format, labelled by the format's own wording. */
export function renderActive(view, format) {
  const rows = format.cells.filter((c) => c.key.startsWith('activeDisclosure.'));
  document.getElementById('active').hidden = rows.length === 0;
  fill('active-table', el('tbody', {}, rows.map((c) => el('tr', {},
    el('th', { scope: 'row' }, c.label.replace(/^第二部分·/, '')),
    el('td', { class: 'n' }, num(view.cells[c.key]))))));
}

export function renderTrend(trend) {
  const years = trend.years.map((p) => p.year);
  const requests = trend.years.map((p) => p.cells['requests.new.total'] || p.cells.applicationsReceived || 0);
  const rate = (key) => trend.years.map((p) => p.indicators[key]);
  draw('trend-chart', trendOption(years, requests, [
    { name: '报送率', data: rate('filingRate') },
    { name: '按时率', data: rate('onTimeRate') },
    { name: '公开率', data: rate('disclosureRate') },
  ]));
}

export function renderAsOf(asOf) {
  document.getElementById('as-of').textContent = '数据截至：' + (asOf ? time(asOf) : '尚无数据');
}
