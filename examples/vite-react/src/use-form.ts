// src/use-form.ts: a tiny controlled-form helper for the example's two forms.
import { useState, type FormEvent } from 'react';

export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const field = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }),
  });
  const submit = (fn: (v: T) => unknown) => (e: FormEvent) => {
    e.preventDefault();
    void fn(values);
  };
  return { values, setValues, field, submit };
}
