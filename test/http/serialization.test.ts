import t from 'tap'
import { Type } from 'typebox'
import { referencedComponents, serializerCompiler } from '../../src/http/serialization.js'

const Address = { ...Type.Object({ street: Type.String() }), $id: 'Address' }
const Person = { ...Type.Object({ name: Type.String(), home: Type.Unsafe({ $ref: 'Address#' }), friends: Type.Array(Type.Unsafe({ $ref: 'Person#' })) }), $id: 'Person' }
const Unused = { ...Type.Object({ x: Type.Number() }), $id: 'Unused' }
const components = new Map([Address, Person, Unused].map((s) => [s.$id, s]))

t.test('finds the components a schema needs, through other components and cycles', async (t) => {
  t.same([...referencedComponents({ type: 'array', items: { $ref: 'Person#' } }, components)].sort(), ['Address', 'Person'])
  t.same([...referencedComponents({ $ref: 'Address#/properties/street' }, components)], ['Address'], 'a pointer into a component')
  t.same([...referencedComponents(Type.Object({ n: Type.Number() }), components)], [], 'none')
})

t.test('serializes through the referenced components and compiles each distinct schema once', async (t) => {
  const compile = serializerCompiler([Address, Person, Unused])
  const schema = { type: 'object', properties: { person: { $ref: 'Person#' } } }
  const serialize = compile({ schema: structuredClone(schema), method: 'GET', url: '/a', httpStatus: '200' })
  t.equal(serialize({ person: { name: 'Eva', home: { street: 'Gatan 1', secret: 'x' }, friends: [], extra: 1 } }),
    '{"person":{"name":"Eva","home":{"street":"Gatan 1"},"friends":[]}}', 'properties outside the schema are dropped')
  t.equal(compile({ schema: structuredClone(schema), method: 'GET', url: '/b', httpStatus: '200' }), serialize, 'an equal schema reuses the serializer')
})
