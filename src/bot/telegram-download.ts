import type { Api } from "grammy";

/**
 * A Telegram file that could not be downloaded. Names the file path and, when the server answered, the HTTP
 * status; never the URL, which carries the token. The network error is not kept as `cause` for the same reason.
 */
export class DownloadError extends Error {
  override name = "DownloadError";
  constructor(
    readonly filePath: string | null,
    readonly reason: string,
    readonly status: number | null = null,
  ) {
    super(filePath ? `upload: download of ${filePath} failed: ${reason}` : `upload: ${reason}`);
  }
}

/** `download` for production: getFile, then GET `<apiRoot>/file/bot<token>/<file_path>`. Throws DownloadError. */
export function telegramDownloader(
  api: Pick<Api, "getFile">,
  token: string,
  apiRoot = "https://api.telegram.org",
  fetchFile: typeof fetch = fetch,
): (fileId: string) => Promise<Uint8Array> {
  return async (fileId) => {
    const file = await api.getFile(fileId);
    const path = file.file_path;
    if (!path) {
      const reason = "Telegram gave no file_path for the file (larger than the Bot API's 20 MB download limit?)";
      throw new DownloadError(null, reason);
    }
    let response: Response;
    try {
      response = await fetchFile(`${apiRoot}/file/bot${token}/${path}`);
    } catch (err) {
      throw new DownloadError(path, redactToken((err as Error).message, token));
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      throw new DownloadError(path, status, response.status);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

function redactToken(text: string, token: string): string {
  return token ? text.split(token).join("<bot token>") : text;
}
