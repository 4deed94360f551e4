// The supervision office's dashboard: state in the URL (?region=&year=), data from the public aggregate API,
// refreshed by polling the region's asOf so a new filing shows up without a reload.

import { api } from './api.js';
import { fill, el } from './dom.js';
import { resizeAll } from './charts.js';
import * as s from './sections.js';

const NATION = '000000';
const MISSING_LIST = 50;
const params = new URLSearchParams(location.search);
const refreshSeconds = Math.max(1, Number(params.get('refresh')) || 15);

const state = {
  region: validCode(params.get('region')) ? params.get('region') : NATION,
  year: Number(params.get('year')) || null,
  sort: { key: 'missing', desc: true },
  trend: null, // the region's trend; also says which years exist (from..to)
  data: null,
  asOf: undefined,
  loading: 0,
};

function validCode(code) {
  return /^[0-9]{6}$/.test(code || '');
}

/** The banner above the page: loading, error (with nodes such as a retry button), empty, or nothing. */
function status(content, kind) {
  const node = document.getElementById('status');
  const parts = [].concat(content || []);
  node.hidden = parts.length === 0;
  node.className = 'status' + (kind ? ' ' + kind : '');
  node.replaceChildren(...parts);
  return node;
}

function narrow() {
  return window.matchMedia('(max-width: 640px)').matches;
}

async function load({ quiet = false } = {}) {
  const ticket = ++state.loading;
  if (!quiet) {
    status('正在加载' + (state.year ? state.year + '年度' : '') + '统计…', 'loading');
    document.getElementById('main').setAttribute('aria-busy', 'true');
  }
  try {
    if (!state.trend || state.trend.region !== state.region) {
      state.trend = await api.trend(state.region);
    }
    const { from, to } = state.trend;
    if (!state.year || state.year < from || state.year > to) {
      state.year = to; // the year being filed now (on 1 February: last year)
    }
    const [view, children, missing, format] = await Promise.all([api.region(state.year, state.region),
      api.children(state.year, state.region), api.missing(state.year, state.region, MISSING_LIST),
      api.format(state.year)]);
    if (ticket !== state.loading) {
      return; // a newer navigation started meanwhile
    }
    state.data = { view, children, missing, format };
    state.asOf = view.asOf;
    render();
    if (!quiet && !new URLSearchParams(location.search).has('year')) {
      history.replaceState({ region: state.region, year: state.year }, '', canonicalUrl());
    }
  } catch (e) {
    if (ticket !== state.loading) {
      return;
    }
    state.trend = quiet ? state.trend : null;
    if (!quiet) {
      document.getElementById('main').hidden = true;
      const retry = el('button', { type: 'button', id: 'retry' }, '重试');
      retry.addEventListener('click', () => load());
      status([el('strong', {}, '无法显示统计：'), e.message, ' ', retry], 'error');
    }
    console.warn('dashboard load failed', e.status, e.message);
  } finally {
    document.getElementById('main').removeAttribute('aria-busy');
  }
}

function render() {
  const { view, children, missing, format } = state.data;
  renderYears();
  s.renderBreadcrumb(children.path, state.year, open);
  s.renderAsOf(view.asOf);
  document.title = (view.name || view.region) + ' ' + state.year + '年度 · 政府信息公开工作年度报告统计';
  const empty = view.compliance.expected === 0 && view.compliance.filed === 0;
  document.getElementById('main').hidden = false;
  status(empty ? `${view.name || view.region}${state.year}年度没有应报机关，也没有收到年报。` : '', empty ? 'empty' : null);
  s.renderCompliance(view);
  s.renderChildren(children, state.year, state.sort, sortBy, open);
  s.renderMissing(missing);
  s.renderRequests(view, children, narrow());
  s.renderReview(view);
  s.renderActive(view, format);
  s.renderTrend(state.trend);
  document.getElementById('deadline-note').textContent = state.year >= 2019
    ? '（部门于次年1月31日前、人民政府于次年3月31日前报送）' : '（次年3月31日前报送）';
}

function renderYears() {
  const select = document.getElementById('year');
  const { from, to } = state.trend;
  if (select.options.length !== to - from + 1 || Number(select.options[0].value) !== to) {
    const options = [];
    for (let y = to; y >= from; y--) {
      options.push(el('option', { value: y }, y + '年度'));
    }
    fill('year', options);
  }
  select.value = String(state.year);
}

function sortBy(key) {
  state.sort = { key, desc: state.sort.key === key ? !state.sort.desc : key !== 'name' };
  s.renderChildren(state.data.children, state.year, state.sort, sortBy, open);
}

function canonicalUrl() {
  return `/?region=${state.region}&year=${state.year}` + (params.has('refresh') ? `&refresh=${refreshSeconds}` : '');
}

function pushUrl() {
  history.pushState({ region: state.region, year: state.year }, '', canonicalUrl());
}

function open(region) {
  state.region = region;
  pushUrl();
  load();
}

document.getElementById('year').addEventListener('change', (e) => {
  state.year = Number(e.target.value);
  pushUrl();
  load();
});

window.addEventListener('popstate', () => {
  const p = new URLSearchParams(location.search);
  state.region = validCode(p.get('region')) ? p.get('region') : NATION;
  state.year = Number(p.get('year')) || null;
  load();
});

document.getElementById('csv').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  button.disabled = true;
  button.textContent = '正在生成 CSV…';
  try {
    const blob = await api.csv(state.year, state.region);
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `agencies-${state.region}-${state.year}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    status('下载失败：' + err.message, 'error');
  } finally {
    button.disabled = false;
    button.textContent = '下载各机关明细（CSV）';
  }
});

// Polls the cheap region view; when its asOf moved, everything is reloaded in place (no loading banner).
async function poll() {
  if (state.data && !document.hidden) {
    try {
      const view = await api.region(state.year, state.region);
      if (view.asOf !== state.asOf) {
        state.trend = null;
        await load({ quiet: true });
      }
    } catch (e) {
      console.warn('refresh failed', e.message);
    }
  }
  setTimeout(poll, refreshSeconds * 1000);
}

let resizeTimer;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(resizeAll, 150);
});

document.getElementById('refresh-note').textContent = `（每 ${refreshSeconds} 秒自动刷新）`;
window.addEventListener('load', () => {
  history.replaceState({ region: state.region, year: state.year }, '', location.href);
  load().then(() => setTimeout(poll, refreshSeconds * 1000));
});
