// A small zh/en dictionary. Chinese by default; the choice is kept in localStorage.
const DICT = {
  zh: {
    'app.title': 'firehub 巡检', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
    'login.failed': '登录失败', 'nav.tickets': '工单', 'nav.feed': '实时告警', 'nav.figures': '统计',
    'nav.logout': '退出', 'lang.switch': 'English', 'tickets.mine': '我的', 'tickets.grid': '我的网格',
    'tickets.state': '状态', 'tickets.severity': '等级', 'tickets.overdue': '仅超期', 'tickets.any': '全部',
    'tickets.empty': '没有工单', 'ticket.title': '工单', 'ticket.history': '处理记录', 'ticket.photos': '整改照片',
    'ticket.note': '说明', 'ticket.assignee': '派给', 'ticket.choose': '请选择处理人…', 'role.grid_worker': '网格员', 'role.venue_owner': '场所负责人', 'role.supervisor': '监管人员', 'role.admin': '管理员', 'ticket.assignedTo': '处理人', 'ticket.deadline': '期限',
    'ticket.photo': '照片', 'ticket.venue': '场所', 'ticket.device': '设备', 'ticket.hazard': '隐患',
    'ticket.occurrences': '发生次数', 'ticket.created': '发现时间', 'ticket.verifyBy': '验收期限',
    'step.dispatch': '派单', 'step.accept': '接单', 'step.submit': '提交整改', 'step.verify': '验收通过',
    'step.reject': '退回', 'step.cancel': '取消（误报）', 'done': '已保存',
    'state.OPEN': '待派单', 'state.DISPATCHED': '已派单', 'state.RECTIFYING': '整改中', 'state.SUBMITTED': '待验收',
    'state.CLOSED': '已关闭', 'state.CANCELLED': '已取消', 'sev.critical': '紧急', 'sev.major': '重要', 'sev.minor': '一般',
    'overdue': '超期', 'venue.title': '场所', 'venue.level': '消防安全等级', 'level.green': '安全', 'level.yellow': '注意', 'level.orange': '较高风险', 'level.red': '高风险', 'venue.devices': '设备', 'venue.alarms': '告警', 'venue.chart': '读数',
    'venue.field': '读数项', 'venue.show': '显示', 'venue.nodata': '没有数据',
    'feed.title': '实时告警', 'feed.connected': '已连接', 'feed.waiting': '连接中…',
    'figures.title': '按网格统计', 'figures.csv': '下载 CSV', 'figures.grid': '网格', 'figures.opened': '新增', 'figures.closed': '已关闭', 'figures.cancelled': '已取消', 'figures.rate': '闭环率', 'figures.median': '中位用时(小时)', 'figures.overdue': '当前超期', 'figures.escalated': '已升级', 'error.not_found': '未找到（不存在或不在您的范围内）',
  },
  en: {
    'app.title': 'firehub inspection', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in',
    'login.failed': 'Sign-in failed', 'nav.tickets': 'Tickets', 'nav.feed': 'Live alarms', 'nav.figures': 'Figures',
    'nav.logout': 'Sign out', 'lang.switch': '中文', 'tickets.mine': 'Mine', 'tickets.grid': 'My grids',
    'tickets.state': 'State', 'tickets.severity': 'Severity', 'tickets.overdue': 'Overdue only', 'tickets.any': 'Any',
    'tickets.empty': 'No tickets', 'ticket.title': 'Ticket', 'ticket.history': 'History', 'ticket.photos': 'Photos',
    'ticket.note': 'Note', 'ticket.assignee': 'Assign to', 'ticket.choose': 'Choose a person…', 'role.grid_worker': 'grid worker', 'role.venue_owner': 'venue owner', 'role.supervisor': 'supervisor', 'role.admin': 'admin', 'ticket.assignedTo': 'Assignee', 'ticket.deadline': 'Deadline',
    'ticket.photo': 'Photo', 'ticket.venue': 'Venue', 'ticket.device': 'Device', 'ticket.hazard': 'Hazard',
    'ticket.occurrences': 'Occurrences', 'ticket.created': 'Found', 'ticket.verifyBy': 'Verify by',
    'step.dispatch': 'Dispatch', 'step.accept': 'Accept', 'step.submit': 'Submit rectification', 'step.verify': 'Verify',
    'step.reject': 'Reject', 'step.cancel': 'Cancel (false alarm)', 'done': 'Saved',
    'state.OPEN': 'Open', 'state.DISPATCHED': 'Dispatched', 'state.RECTIFYING': 'Rectifying', 'state.SUBMITTED': 'Submitted',
    'state.CLOSED': 'Closed', 'state.CANCELLED': 'Cancelled', 'sev.critical': 'Critical', 'sev.major': 'Major', 'sev.minor': 'Minor',
    'overdue': 'Overdue', 'venue.title': 'Venue', 'venue.level': 'fire safety level', 'level.green': 'Safe', 'level.yellow': 'Attention', 'level.orange': 'Elevated risk', 'level.red': 'High risk', 'venue.devices': 'Devices', 'venue.alarms': 'Alarms', 'venue.chart': 'Readings',
    'venue.field': 'Reading', 'venue.show': 'Show', 'venue.nodata': 'No data',
    'feed.title': 'Live alarms', 'feed.connected': 'Connected', 'feed.waiting': 'Connecting…',
    'figures.title': 'Figures by grid', 'figures.csv': 'Download CSV', 'figures.grid': 'Grid', 'figures.opened': 'Opened', 'figures.closed': 'Closed', 'figures.cancelled': 'Cancelled', 'figures.rate': 'Closure rate', 'figures.median': 'Median hours to close', 'figures.overdue': 'Overdue now', 'figures.escalated': 'Escalated', 'error.not_found': 'Not found (no such item, or outside your scope)',
  },
};

export function lang() {
  const chosen = localStorage.getItem('firehub.lang');
  return chosen === 'en' ? 'en' : 'zh';
}

export function t(key) {
  return DICT[lang()][key] ?? DICT.zh[key] ?? key;
}

/** Sets <html lang>, fills every [data-i18n] element and wires the switch button. */
export function applyLanguage(onSwitch) {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const button = document.getElementById('lang');
  if (button) {
    button.textContent = t('lang.switch');
    button.onclick = () => {
      localStorage.setItem('firehub.lang', lang() === 'zh' ? 'en' : 'zh');
      applyLanguage(onSwitch);
      if (onSwitch) onSwitch();
    };
  }
}
