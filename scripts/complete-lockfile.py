#!/usr/bin/env python3
# After `npm install` on a machine whose registry mirror lacks other platforms' optional packages
# (e.g. @next/swc-darwin-arm64), npm leaves them out of package-lock.json and `npm ci` then refuses
# the lockfile. This adds them back as optional entries with their os/cpu, which npm ci skips
# on foreign platforms. Run it after changing dependencies: python3 scripts/complete-lockfile.py
import json, re, sys
p='package-lock.json'; lock=json.load(open(p)); pk=lock['packages']
added=[]
def platform(name):
    n=name.split('/')[-1]
    os_=None; cpu=None
    for o in ['darwin','win32','android','freebsd','linux','openbsd','sunos','aix','netbsd']:
        if o in n: os_=o
    for c in ['arm64','x64','ia32','arm','ppc64','s390x','riscv64','loong64','wasm32','mips64el']:
        if re.search(r'(^|-)'+c+r'($|-)', n): cpu=c; break
    if 'wasm32' in n: os_=None; cpu='wasm32'
    return os_, cpu
for path, meta in list(pk.items()):
    for dep, ver in (meta.get('optionalDependencies') or {}).items():
        base = (path + '/node_modules/' if path else 'node_modules/') + dep
        top = 'node_modules/' + dep
        if base in pk or top in pk: continue
        os_, cpu = platform(dep)
        entry={'version': ver.lstrip('^~'), 'optional': True}
        if os_: entry['os']=[os_]
        if cpu: entry['cpu']=[cpu]
        pk[top]=entry; added.append((top, entry))
json.dump(lock, open(p,'w'), indent=2); open(p,'a').write('\n')
for a in added: print("added", a[0])
