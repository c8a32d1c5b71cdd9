import { networkProblem, problemFromResponse } from '@yingshang/ui';

export interface UploadOptions {
  url: string;
  file: File;
  token: string | null;
  /** 0–1 of the bytes sent. */
  onProgress?: (fraction: number) => void;
  /** The last byte is sent: from here on the service is reading and checking the file. */
  onSent?: () => void;
  signal?: AbortSignal;
}

/**
 * A multipart upload (`file` field) with upload progress, which fetch cannot report. Resolves with the JSON body;
 * rejects with a ProblemError built the way the api client builds them (so a refused import carries its `rows`).
 */
export function uploadFile<T>(options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.setRequestHeader('accept', 'application/json');
    if (options.token) xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    });
    xhr.upload.addEventListener('load', () => {
      options.onProgress?.(1);
      options.onSent?.();
    });
    xhr.addEventListener('error', () => reject(networkProblem(new Error('upload failed'))));
    xhr.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    xhr.addEventListener('load', () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (response.ok) {
        response.json().then((body) => resolve(body as T), reject);
      } else {
        problemFromResponse(response).then(reject, reject);
      }
    });
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', options.file, options.file.name);
    xhr.send(form);
  });
}
