// Change the imported block (a second residual block); with_import.arch itself stays as it is.
def common = new File(basedir, 'src/main/arch/parts/common.arch')
common.text = common.text.replace('  res = UnetResBlock(cin, cout)\n', '  res = UnetResBlock(cin, cout)\n  more = UnetResBlock(cout, cout)\n')
    .replace('return res(x)', 'return more(res(x))')
return true
