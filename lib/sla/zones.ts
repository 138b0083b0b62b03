/**
 * Zendesk schedules name their zone the Rails way ("Pacific Time (US & Canada)"); Intl needs IANA names.
 * This is ActiveSupport::TimeZone::MAPPING (Rails 7.1) plus older spellings accounts may still carry ("Kyev").
 * IANA names pass through unchanged. Stored compactly because it ships in the content script: most Rails names
 * are simply the IANA city ("Amsterdam" is Europe/Amsterdam), so those are listed by area, city only.
 */
import { isValidZone } from '../time';

/** Rails name = IANA city with spaces for underscores, grouped by IANA area. */
const SAME_CITY: Readonly<Record<string, string>> = {
  Africa: 'Casablanca Monrovia Cairo Harare Nairobi',
  America:
    'Tijuana Chihuahua Mazatlan Mexico_City Monterrey Bogota Lima Caracas La_Paz Santiago Montevideo Puerto_Rico',
  'America/Argentina': 'Buenos_Aires',
  Atlantic: 'Azores',
  Asia:
    'Jerusalem Kuwait Riyadh Baghdad Tehran Muscat Baku Tbilisi Yerevan Kabul Karachi Tashkent Kolkata Kathmandu ' +
    'Dhaka Almaty Novosibirsk Rangoon Bangkok Jakarta Krasnoyarsk Chongqing Hong_Kong Urumqi Kuala_Lumpur ' +
    'Singapore Taipei Irkutsk Ulaanbaatar Seoul Tokyo Yakutsk Vladivostok Magadan Srednekolymsk Kamchatka',
  Australia: 'Perth Darwin Adelaide Melbourne Sydney Brisbane Hobart',
  Europe:
    'Dublin Lisbon London Belgrade Bratislava Budapest Ljubljana Prague Sarajevo Skopje Warsaw Zagreb Brussels ' +
    'Copenhagen Madrid Paris Amsterdam Berlin Zurich Rome Stockholm Vienna Bucharest Helsinki Riga Sofia Tallinn ' +
    'Vilnius Athens Istanbul Minsk Kaliningrad Moscow Volgograd Samara',
  Pacific: 'Guam Port_Moresby Fiji Auckland',
};

/** Rails names that differ from their IANA city. */
const RENAMED: Readonly<Record<string, string>> = {
  'International Date Line West': 'Etc/GMT+12',
  'Midway Island': 'Pacific/Midway',
  'American Samoa': 'Pacific/Pago_Pago',
  Hawaii: 'Pacific/Honolulu',
  Alaska: 'America/Juneau',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  'Mountain Time (US & Canada)': 'America/Denver',
  Arizona: 'America/Phoenix',
  'Central Time (US & Canada)': 'America/Chicago',
  Saskatchewan: 'America/Regina',
  Guadalajara: 'America/Mexico_City',
  'Central America': 'America/Guatemala',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Indiana (East)': 'America/Indiana/Indianapolis',
  Quito: 'America/Lima',
  'Atlantic Time (Canada)': 'America/Halifax',
  Newfoundland: 'America/St_Johns',
  Brasilia: 'America/Sao_Paulo',
  Georgetown: 'America/Guyana',
  Greenland: 'America/Godthab',
  'Mid-Atlantic': 'Atlantic/South_Georgia',
  'Cape Verde Is.': 'Atlantic/Cape_Verde',
  Edinburgh: 'Europe/London',
  UTC: 'Etc/UTC',
  Bern: 'Europe/Zurich',
  'West Central Africa': 'Africa/Algiers',
  Kyiv: 'Europe/Kiev',
  Kyev: 'Europe/Kiev',
  Pretoria: 'Africa/Johannesburg',
  'St. Petersburg': 'Europe/Moscow',
  'Abu Dhabi': 'Asia/Muscat',
  Ekaterinburg: 'Asia/Yekaterinburg',
  Islamabad: 'Asia/Karachi',
  Chennai: 'Asia/Kolkata',
  Mumbai: 'Asia/Kolkata',
  'New Delhi': 'Asia/Kolkata',
  Astana: 'Asia/Almaty',
  'Sri Jayawardenepura': 'Asia/Colombo',
  Hanoi: 'Asia/Bangkok',
  Beijing: 'Asia/Shanghai',
  Osaka: 'Asia/Tokyo',
  Sapporo: 'Asia/Tokyo',
  Canberra: 'Australia/Melbourne',
  'Solomon Is.': 'Pacific/Guadalcanal',
  'New Caledonia': 'Pacific/Noumea',
  'Marshall Is.': 'Pacific/Majuro',
  Wellington: 'Pacific/Auckland',
  "Nuku'alofa": 'Pacific/Tongatapu',
  'Tokelau Is.': 'Pacific/Fakaofo',
  'Chatham Is.': 'Pacific/Chatham',
  Samoa: 'Pacific/Apia',
};

let mapping: Map<string, string> | undefined;

/** Every Rails zone name Zendesk may send, with its IANA zone (e.g. for a zone picker). */
export function railsTimeZones(): ReadonlyMap<string, string> {
  if (!mapping) {
    mapping = new Map(Object.entries(RENAMED));
    for (const [area, cities] of Object.entries(SAME_CITY)) {
      for (const city of cities.split(' ')) mapping.set(city.replaceAll('_', ' '), `${area}/${city}`);
    }
  }
  return mapping;
}

/** IANA name for a Rails or IANA zone name; null when Intl does not know the zone. */
export function toIanaZone(name: string): string | null {
  const iana = railsTimeZones().get(name) ?? name;
  return isValidZone(iana) ? iana : null;
}
