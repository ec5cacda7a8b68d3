def log = new File(basedir, 'build.log').getText('UTF-8')
// voxarch:help lists the goals.
['voxarch:check', 'voxarch:generate', 'voxarch:help', 'voxarch:report'].each { assert log.contains(it) : "help lacks $it" }

def reports = new File(basedir, 'target/voxarch-reports')
['TinyNet', 'tiny_wide'].each { name ->
    def md = new File(reports, "${name}.md").getText('UTF-8')
    assert md.startsWith("# ${name}\n")
    assert md.contains('| module | type | output shape | params | FLOPs |')
    assert md.contains('`head`')
    // The override reaches the reports: 5 classes.
    assert md.contains('- output: [B, 5, 8, 8, 8]')
    def keys = new File(reports, "${name}.keys.tsv").readLines('UTF-8')
    assert keys.contains('head.conv.conv.bias\t[5]')
    assert keys.every { it ==~ /[\w.]+\t\[[\d, ]*\]/ }
    assert new File(reports, "${name}.dot").getText('UTF-8').startsWith("digraph \"${name}\" {")
}
assert new File(reports, 'TinyNet.keys.tsv').readLines('UTF-8').contains('stem.conv1.conv.weight\t[8, 1, 3, 3, 3]')
assert new File(reports, 'tiny_wide.keys.tsv').readLines('UTF-8').contains('stem.conv1.conv.weight\t[16, 1, 3, 3, 3]')
def index = new File(reports, 'index.md').getText('UTF-8')
assert index.contains('[TinyNet](TinyNet.md)') && index.contains('[tiny_wide](tiny_wide.md)')
return true
