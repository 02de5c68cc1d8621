/** Database rows → the QualityCategory resource. */
import type { QualityCategoryRow } from './repository.js'

export const toCategory = (c: QualityCategoryRow) => ({ domain: c.domain, code: c.code, labelSv: c.label_sv, labelEn: c.label_en, active: c.active })
