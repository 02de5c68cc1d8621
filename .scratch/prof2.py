import json,sys,collections
p=json.load(open(sys.argv[1])); skip=float(sys.argv[2])*1e6
nodes={n['id']:n for n in p['nodes']}
parent={}
for n in p['nodes']:
  for c in n.get('children',[]): parent[c]=n['id']
t=0; dt=collections.Counter(); first=None
for s,d in zip(p['samples'],p['timeDeltas']):
  t+=d
  if t>=skip: dt[s]+=d
self_=collections.Counter(); byfile=collections.Counter(); incl=collections.Counter()
def key(i):
  cf=nodes[i]['callFrame']; return f"{cf['functionName'] or '(anon)'} {cf['url'].split('/node_modules/')[-1][-50:]}:{cf['lineNumber']}"
for i,tt in dt.items():
  self_[key(i)]+=tt
  u=nodes[i]['callFrame']['url']
  pkg = u.split('/node_modules/')[-1].split('/')[0] if '/node_modules/' in u else ('dist:'+u.split('/dist/')[-1] if '/dist/' in u else (u[:40] or nodes[i]['callFrame']['functionName']))
  byfile[pkg]+=tt
  seen=set(); j=i
  while j in nodes:
    k=key(j)
    if k not in seen: incl[k]+=tt; seen.add(k)
    j=parent.get(j)
    if j is None: break
tot=sum(dt.values())
print('window ms',tot/1000)
for k,v in byfile.most_common(20): print(f"{v/tot*100:5.1f}% {k}")
print('--- self')
for k,v in self_.most_common(20): print(f"{v/tot*100:5.1f}% {k}")
print('--- inclusive')
for k,v in incl.most_common(45): print(f"{v/tot*100:5.1f}% {k}")
