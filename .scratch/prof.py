import json,sys,collections
p=json.load(open(sys.argv[1]))
nodes={n['id']:n for n in p['nodes']}
dt=collections.Counter()
for s,d in zip(p['samples'],p['timeDeltas']): dt[s]+=d
self_=collections.Counter(); byfile=collections.Counter()
for i,t in dt.items():
  cf=nodes[i]['callFrame']; key=f"{cf['functionName'] or '(anon)'} {cf['url'].split('/node_modules/')[-1][:60]}:{cf['lineNumber']}"
  self_[key]+=t
  u=cf['url']
  pkg = u.split('/node_modules/')[-1].split('/')[0] if '/node_modules/' in u else ('dist' if '/dist/' in u else (u[:40] or cf['functionName']))
  byfile[pkg]+=t
tot=sum(dt.values())
print('total ms',tot/1000)
for k,v in byfile.most_common(15): print(f"{v/tot*100:5.1f}% {k}")
print()
for k,v in self_.most_common(25): print(f"{v/tot*100:5.1f}% {k}")
