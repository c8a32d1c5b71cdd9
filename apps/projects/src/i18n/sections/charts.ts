/** The chart labels (project investment chart, dashboard). */
export default {
  charts: {
    monthN: '{n}月',
    planned: '月计划投资',
    completed: '月完成投资',
    cumulative: '累计完成',
    cumulativePlan: '累计计划',
    benchmark: '序时进度线',
    monthlyAxis: '当月（万元）',
    cumulativeAxis: '累计（万元）',
  },
};
