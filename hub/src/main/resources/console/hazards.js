// Hazard codes in words: [Chinese, English]. The codes come from config/rules.yaml (device
// rules), tickets (resident_report) and common patrol findings; an unknown code is shown as is.
// ConsoleHazardLabelsTest fails when a rule's hazard has no words here.
import { lang } from './i18n.js';

const HAZARDS = {
  arc_fault: ['电弧故障', 'Arc fault'],
  blocked_exit: ['安全出口堵塞', 'Blocked exit'],
  cable_heat_rise: ['线缆温升过快', 'Cable heating fast'],
  cable_overheat: ['线缆过热', 'Cable overheating'],
  confirmed_fire: ['确认火情', 'Confirmed fire'],
  device_fault: ['设备故障', 'Device fault'],
  device_offline: ['设备离线', 'Device offline'],
  e_bike_charging: ['电动车违规充电', 'E-bike charging indoors'],
  ebike_indoors: ['电动车入户', 'E-bike indoors'],
  gas_cylinder_sighted: ['发现液化气瓶', 'Gas cylinder sighted'],
  gas_leak_high: ['燃气泄漏（高浓度）', 'Gas leak (high)'],
  gas_leak_low: ['燃气泄漏（低浓度）', 'Gas leak (low)'],
  gas_leak_with_cylinder: ['燃气泄漏且有气瓶', 'Gas leak with a cylinder present'],
  heat_alarm: ['温感报警', 'Heat alarm'],
  heat_rise: ['温度骤升', 'Rapid heat rise'],
  low_battery: ['电量低', 'Low battery'],
  low_water_level: ['消防水位低', 'Low water level'],
  low_water_pressure: ['消防水压低', 'Low water pressure'],
  overcurrent: ['过流', 'Overcurrent'],
  overvoltage: ['过压', 'Overvoltage'],
  residual_current_high: ['剩余电流超限', 'Residual current high'],
  resident_report: ['群众举报', 'Resident report'],
  sensor_expired: ['传感器到期', 'Sensor expired'],
  smoke_alarm: ['烟感报警', 'Smoke alarm'],
  tamper: ['设备被拆动', 'Device tampered with'],
  undervoltage: ['欠压', 'Undervoltage'],
};

/** The hazard in the chosen language, or the code itself when there are no words for it. */
export function hazardLabel(code) {
  const words = Object.hasOwn(HAZARDS, code ?? '') ? HAZARDS[code] : null;
  if (!words) return code ?? '';
  return lang() === 'en' ? words[1] : words[0];
}
