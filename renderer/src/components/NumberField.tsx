// A number input that lets the trader type freely ("1.", "0.0") and hands on only valid values;
// it shows the outside value again when it changes while the field is not being edited.

import { useEffect, useRef, useState } from 'react';

export function NumberField(props: { value: number; onChange: (value: number) => void; valid?: (value: number) => boolean; testId?: string; title?: string; className?: string }) {
  const { value, onChange, valid = (v) => v > 0 } = props;
  const [text, setText] = useState(String(value));
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(String(value));
  }, [value]);
  const bad = !(Number.isFinite(Number(text)) && text.trim() !== '' && valid(Number(text)));
  return (
    <input
      className={`${props.className ?? ''}${bad ? ' invalid' : ''}`}
      data-testid={props.testId}
      title={props.title}
      inputMode="decimal"
      value={text}
      onFocus={() => (editing.current = true)}
      onBlur={() => {
        editing.current = false;
        setText(String(value));
      }}
      onChange={(e) => {
        setText(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(v) && valid(v)) onChange(v);
      }}
    />
  );
}
