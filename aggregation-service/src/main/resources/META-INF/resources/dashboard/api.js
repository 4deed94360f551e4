// The public aggregate API (design.md); errors become Error objects carrying the problem's Chinese detail.

const BASE = '/api/v1/statistics';

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function get(path, accept = 'application/json') {
  let response;
  try {
    response = await fetch(BASE + path, { headers: { Accept: accept } });
  } catch (e) {
    throw new ApiError(0, '无法连接统计服务，请检查网络后重试');
  }
  if (!response.ok) {
    let detail = '统计服务返回错误（HTTP ' + response.status + '）';
    try {
      const problem = await response.json();
      if (problem && problem.detail) {
        detail = problem.detail;
      }
    } catch (ignored) {
      // not a problem document: keep the generic text
    }
    throw new ApiError(response.status, detail);
  }
  return accept === 'application/json' ? response.json() : response.blob();
}

export const TREND_CELLS = ['requests.new.total', 'requests.totalHandled.total', 'applicationsReceived',
  'requests.granted.total', 'requests.partlyGranted.total'];

export const api = {
  region: (year, code) => get(`/${year}/regions/${code}`),
  children: (year, code) => get(`/${year}/regions/${code}/children`),
  missing: (year, code, size) => get(`/${year}/regions/${code}/missing?size=${size}`),
  format: (year) => get(`/${year}/format`),
  trend: (code) => get(`/regions/${code}/trend?cells=${TREND_CELLS.join(',')}`),
  csv: (year, code) => get(`/${year}/regions/${code}/agencies`, 'text/csv'),
};
