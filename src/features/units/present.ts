export const toUnit = (u: { id: string; code: string; district: string; name: string }) =>
  ({ id: u.id, code: u.code, district: u.district, name: u.name })
