import { reactive } from 'vue';

/**
 * Server-side field errors for one form: `errors.slug` feeds `<el-form-item :error>`. Every key exists from the
 * start, which is how reportProblem knows the form has that field.
 */
export function useFormErrors<K extends string>(keys: readonly K[]) {
  const errors = reactive<Record<string, string>>(Object.fromEntries(keys.map((k) => [k, '']))) as Record<K, string>;
  const clear = () => {
    for (const key of keys) errors[key] = '';
  };
  return { errors, clear };
}
