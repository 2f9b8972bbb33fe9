"""Runs every scenario on each CPython >= 3.11 found and prints where they differ.

Usage: python3 check_versions.py [python ...]

Without arguments it uses every ``$PYENV_ROOT/versions/*/bin/python3`` (and
``~/.pyenv``). The newest interpreter is the reference; a scenario whose trace
differs on an older one must declare ``MIN_PYTHON`` (see README.md). Scenarios
are run with ``--ignore-min-python`` so that the differences show.
"""

import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def candidates():
    roots = {os.environ.get('PYENV_ROOT') or '', os.path.expanduser('~/.pyenv')}
    found = []
    for root in sorted(r for r in roots if r):
        found += glob.glob(os.path.join(root, 'versions', '*', 'bin', 'python3'))
    return found


def version_of(python):
    try:
        out = subprocess.run(
            [python, '-c', 'import sys; print(sys.implementation.name, *sys.version_info[:3])'],
            capture_output=True, text=True, timeout=30, check=True).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    if out[0] != 'cpython':
        return None
    return tuple(int(x) for x in out[1:])


def main(argv):
    pythons = [(version_of(p), p) for p in (argv or candidates())]
    pythons = sorted((v, p) for v, p in pythons if v and v >= (3, 11))
    if not pythons:
        sys.exit('no CPython >= 3.11 found')
    runs = {}
    for v, p in pythons:
        out = subprocess.run([p, os.path.join(HERE, 'run_py.py'), '--ignore-min-python'],
                             capture_output=True, text=True, check=True).stdout
        runs[v] = json.loads(out)['scenarios']
        print('ran', '.'.join(map(str, v)), p)
    ref_v = pythons[-1][0]
    ref = runs[ref_v]
    differing = 0
    for name in sorted(ref):
        for v, _ in pythons[:-1]:
            if runs[v].get(name, {}).get('lines') != ref[name]['lines']:
                differing += 1
                print(f'\n{name}: {".".join(map(str, v))} differs from {".".join(map(str, ref_v))}')
                print('  reference:', ref[name]['lines'])
                print('  this one: ', runs[v].get(name, {}).get('lines'))
    print(f'\n{len(ref)} scenarios, {differing} differences')


if __name__ == '__main__':
    main(sys.argv[1:])
