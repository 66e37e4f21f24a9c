// Option parsers shared by the commands: a bad value is refused with the option's name and range.

import { InvalidArgumentError } from 'commander';

export function integerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}
