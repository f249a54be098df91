// Talks to the warlog API. Paths are relative so the page works under any prefix.

const TOKEN_KEY = "warlog.token";

export function getToken() {
  return localStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

function headers(extra = {}) {
  const token = getToken();
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

export class ApiError extends Error {
  constructor(status, message, problems = []) {
    super(message);
    this.status = status;
    this.problems = problems; // [{loc, msg}] of a 422
  }
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  let problems = [];
  try {
    const body = await response.json();
    if (typeof body.detail === "string") message = body.detail;
    else if (Array.isArray(body.detail)) {
      problems = body.detail;
      message = body.detail.map((d) => `${(d.loc || []).at(-1)}: ${d.msg}`).join("; ");
    }
  } catch {
    // The body was not JSON: the status line says enough.
  }
  return new ApiError(response.status, message, problems);
}

export async function getJson(path, params) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function sendJson(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers({ "Content-Type": "application/json" }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function download(path, params, filename) {
  const response = await fetch(`${path}?${params}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
