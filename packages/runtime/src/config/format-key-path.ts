/** ['tasks', 0, 'runConfigs', 1, 'model'] -> `tasks[0].runConfigs[1].model` */
export function formatKeyPath(keyPath: readonly PropertyKey[]): string {
  let out = '';
  for (const key of keyPath) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out.length === 0 ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}
