// ECharts options. Tooltips use renderMode 'richText' (drawn on the canvas, never parsed as HTML) and every label is
// canvas text, so agency and region names from the API cannot become markup here either.

import { num, pct } from './format.js';

const charts = new Map();

/** Axis ticks: 万 and 亿 from ten thousand up, so a scale never mixes 80,000 and 10万. */
function axisNum(v) {
  const abs = Math.abs(v);
  const round = (x) => Math.round(x * 100) / 100;
  if (abs >= 1e8) {
    return round(v / 1e8) + '亿';
  }
  return abs >= 1e4 ? round(v / 1e4) + '万' : String(v);
}

/** Draws (or redraws) the chart in the element with the given id. */
export function draw(id, option) {
  const node = document.getElementById(id);
  let chart = charts.get(id);
  if (!chart || chart.isDisposed()) {
    chart = window.echarts.init(node, null, { renderer: 'canvas' });
    charts.set(id, chart);
  }
  chart.setOption(option, true);
  return chart;
}

export function resizeAll() {
  charts.forEach((chart) => chart.resize());
}

const TOOLTIP = { renderMode: 'richText', confine: true };
const COLORS = ['#1f6fb2', '#5fa8d3', '#c23b22', '#d9603b', '#e8845a', '#ee9f73', '#f2b48c', '#f5c6a5', '#f8d6bd',
  '#fbe4d3', '#8c8c8c', '#b08d57', '#6a9955'];

/** Stacked horizontal bars: one bar per region, one segment per outcome. */
export function outcomeOption(categories, series, narrow) {
  return {
    color: COLORS,
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: axisNum } },
    yAxis: { type: 'category', inverse: true, data: categories,
      axisLabel: { width: narrow ? 72 : 140, overflow: 'truncate' } },
    series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'outcome', data: s.data,
      emphasis: { focus: 'series' } })),
  };
}

export function pieOption(title, items, narrow) {
  const shown = items.filter((i) => i.value > 0);
  return {
    color: COLORS,
    title: { text: shown.length ? title : title + '（暂无）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { ...TOOLTIP, trigger: 'item', valueFormatter: num },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '48%'], data: shown,
      label: { show: !narrow, formatter: (p) => p.name + ' ' + p.percent.toFixed(1) + '%' } }],
  };
}

/** Grouped stacked bars: the three review groups, by outcome. */
export function reviewOption(groups, series) {
  return {
    color: ['#1f6fb2', '#c23b22', '#8c8c8c', '#e0c070'],
    title: { text: '行政复议和行政诉讼结果', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: groups, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
    yAxis: { type: 'value', axisLabel: { formatter: axisNum } },
    series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'review', data: s.data })),
  };
}

/** Requests per year as bars, filing, on-time and disclosure rates as lines on a percentage axis. */
export function trendOption(years, requests, rates) {
  return {
    color: ['#5fa8d3', '#1f6fb2', '#c23b22', '#6a9955'],
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: [
      { type: 'value', name: '申请数', axisLabel: { formatter: axisNum } },
      { type: 'value', name: '比率', min: 0, max: 1, axisLabel: { formatter: (v) => pct(v) } },
    ],
    series: [
      { name: '本年新收申请', type: 'bar', data: requests, tooltip: { valueFormatter: num } },
      ...rates.map((r) => ({ name: r.name, type: 'line', yAxisIndex: 1, data: r.data, connectNulls: false,
        tooltip: { valueFormatter: pct } })),
    ],
  };
}
