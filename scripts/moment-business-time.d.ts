// moment-business-time ships no types; it patches moment's prototype. Only what the benchmark uses.
import 'moment';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: 'minutes' | 'hours'): Moment;
    isWorkingTime(): boolean;
  }
}

declare module 'moment-business-time';
