#!/usr/bin/env python3
"""Disassembles a hot region of a JMH `-prof perfasm` log that the JVM printed as hex.

JDK 25 needs an hsdis library with the `decode_instructions_virtual` entry point; Debian's
`libhsdis0-fcml` has only the old `decode_instructions`, so the JVM prints machine code as hex
words. This puts the bytes back together, disassembles them with binutils' objdump, and prints
each instruction under the JVM's own annotation for that address (the bytecode and the inlined
method it came from).

usage: decode-perfasm.py PERFASM_LOG [REGION_NUMBER]
       (the log of: java -jar benchmarks/target/benchmarks.jar ... -prof 'perfasm:events=cpu-clock')
"""
import re
import subprocess
import sys
import tempfile

ADDRESS = re.compile(r'\s*(?:[\d.]+%\s+)?0x([0-9a-f]+): (.*)$')


def region_lines(log, region):
    start = next(i for i, line in enumerate(log) if line.startswith('....[Hottest Region %s]' % region))
    end = next((i for i in range(start + 1, len(log)) if log[i].startswith('....[')), len(log))
    return log[start:end]


def main():
    log = open(sys.argv[1]).read().split('\n')
    code, base, notes, current = bytearray(), None, {}, None
    for line in region_lines(log, sys.argv[2] if len(sys.argv) > 2 else '1'):
        m = ADDRESS.match(line)
        if m:
            address, rest = int(m.group(1), 16), m.group(2)
            if rest.startswith(';'):
                current = address
                notes.setdefault(address, []).append(rest.strip('; '))
                continue
            words = rest.replace('|', ' ').split()
            if words and all(re.fullmatch(r'[0-9a-f]{2,8}', w) for w in words):
                base = address if base is None else base
                code += b'\x90' * max(0, address - base - len(code))  # a gap: lines without samples
                code += b''.join(bytes.fromhex(w) for w in words)
        elif line.strip().startswith('; -') and current is not None:
            notes[current].append(line.strip()[2:].strip())
    if base is None:
        sys.exit('no machine code in that region')
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '--adjust-vma=%d' % base, f.name],
                             capture_output=True, text=True, check=True).stdout
    for line in out.split('\n'):
        m = re.match(r'\s*([0-9a-f]+):\s', line)
        if m:
            note = notes.get(int(m.group(1), 16))
            if note:
                print('        ; ' + ' <- '.join(n.split('{')[0].strip() for n in note[:3]))
            print(line)


if __name__ == '__main__':
    main()
