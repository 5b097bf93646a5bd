// The text `huibao init` and `huibao new-edition` write: a minimal report (two sections, one target,
// every field commented) and an edition overlay. Both validate and build as written, so a new user
// starts from something that works and changes it step by step.

export interface ReportScaffold {
  id: string
  year: number
}

/** data/<id>/report.yaml for a new report. Numbers in paragraphs are all metrics. */
export function reportYaml({ id, year }: ReportScaffold): string {
  return `# yaml-language-server: $schema=../../schema/report.schema.json
# A government work report for huibao. Replace the sample text with the published report's, word
# for word; README.md, "Writing a new report", explains every field.
# Check with: huibao validate data/${id}
id: ${id}
locale: zh-CN                 # zh-CN, or en for a report written in English
meta:
  title: 政府工作报告          # the title as printed
  region: 示例市               # the place it governs: 全国, 某某省, 某某市, 某某县 …
  level: city                 # national | province | city | county | district | development-zone
  issuer: 示例市人民政府        # who delivered the report
  year: ${year}
  meeting: 示例市第一届人民代表大会第一次会议
  delivered: '${year}-01-15'   # the day it was delivered, YYYY-MM-DD
  speaker: 某某                # who delivered it …
  role: 市长                   # … and in which office
  source: 示例市人民政府网站     # where the text was published
  published: '${year}-01-16T09:00:00+08:00'
  talkMinutes: 30             # minutes allotted to the talk (the presenter view counts down)
presentation:
  theme: formal               # formal or plain (or a theme of your own in themes/<name>/)
  edition: 示例市              # the name on the cover and in every slide's footer
intro:
  title: 政府工作报告
  paragraphs:                 # one string a paragraph; every number in them is a metric (below)
    - 各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。
targets:
  title: 主要预期目标
  paragraphs:
    - 地区生产总值增长6%左右。
  metrics:                    # every figure of the paragraphs, typed; templates and charts use the ids
    - id: gdp-growth
      label: 地区生产总值增长
      value: 6
      unit: "%"
      comparator: about       # exact | at-least 以上 | not-less-than 不少于 | about 左右 | within 以内 | range 至
      kind: growth-rate       # growth-rate | level | count | share
      sentence: 地区生产总值增长6%左右   # the words of the paragraph that state it, verbatim
  highlights: [gdp-growth]    # the figure shown large on the targets slide
sections:                     # the key tasks, numbered as the report numbers them
  - id: economy
    number: 1
    title: 推动经济高质量发展
    lead: 坚持稳中求进，扩大有效投资。
    keywords:                 # the report's headings inside the task (关键词)
      - id: investment
        title: 扩大有效投资
        paragraphs:
          - 实施重点项目100个，完成投资500亿元以上。
        metrics:
          - id: key-projects
            label: 重点项目
            value: 100
            unit: 个
            comparator: exact
            kind: count
            sentence: 实施重点项目100个
          - id: key-project-investment
            label: 重点项目投资
            value: 500
            scale: 亿        # 千 | 万 | 亿 | 万亿, written between number and unit: 500亿元
            unit: 元
            comparator: at-least
            kind: level
            sentence: 完成投资500亿元以上
    highlights: [key-project-investment]
  - id: public-services
    number: 2
    title: 办好民生实事
    lead: 坚持尽力而为、量力而行。
    keywords:
      - id: jobs
        title: 稳定就业
        paragraphs:
          - 城镇新增就业5万人。
        metrics:
          - id: new-urban-jobs
            label: 城镇新增就业
            value: 5
            scale: 万
            unit: 人
            comparator: exact
            kind: count
            sentence: 城镇新增就业5万人
nonMetricNumbers: []          # numbers in paragraphs that are no figure (years, 第五届 …), each with a reason:
#  - text: “十四五”
#    reason: name             # year | date | ordinal | name | phrase | duration | other
`
}

/** data/<id>/source.txt: where the published text goes. Lines starting with # are notes. */
export function sourceTxt(id: string): string {
  return `# Paste the published text of the report here, as published, below these notes.
# Lines starting with # are notes. Once the text is here, \`huibao validate ${id}\` checks that
# every sentence of it is in report.yaml, in order, so that nothing is left out or paraphrased.
# Lines above the first and below the last sentence found in the data (a web page's header and
# footer) are not checked. A task heading may be printed "一、标题" or "1标题".
`
}

export interface EditionScaffold {
  reportId: string
  id: string
  name: string
}

/** data/<report>/editions/<id>.yaml: an overlay that changes the name and adds nothing yet. */
export function editionYaml({ reportId, id, name }: EditionScaffold): string {
  return `# yaml-language-server: $schema=../../../schema/edition.schema.json
# The ${name} edition of ${reportId}: only what differs from report.yaml. Maps merge key by key,
# lists of items with ids merge by id, a new item needs add: true (README.md, "Editions").
# Build it with: huibao build data/${reportId} -e ${id}
base: ${reportId}
presentation:
  edition: ${name}            # the name on the cover ("${name}版") and in the footer
  # office: ${name}人民政府     # who made this edition; the report's issuer stays on the cover
  # accent: "#0e7c66"         # this edition's colour
  # logo: logos/${id}.svg      # a wordmark, relative to this file
# sections:
#   - id: ${id}-focus          # a section of this edition's own, shown first
#     add: true
#     title: ${name}：本地重点
#     lead: …
#     keywords: [{ id: ${id}-work, title: …, paragraphs: [ … ] }]
# order:
#   sections: [${id}-focus]
`
}
