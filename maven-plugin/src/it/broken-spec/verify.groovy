// The build log shows the diagnostics exactly as `voxarch check src/main/arch/*.arch` prints them in this folder,
// once per failed build, under Maven's one-line failure summary, and no stack trace.
import org.voxarch.compiler.Compiler

def log = new File(basedir, 'build.log').getText('UTF-8')
def specs = ['layers.arch', 'net.arch'].collect { new File(basedir, "src/main/arch/$it").absoluteFile.toPath() }

// What the CLI's check prints (the same function). This script runs elsewhere, so the CLI would name the files
// from here; the build ran in basedir, where they are src/main/arch/NAME.
def diagnostics = Compiler.check(specs)
assert diagnostics.count() == 2 : diagnostics.format()
def expected = diagnostics.format().stripTrailing()
diagnostics.all().collect { it.span().file().displayPath() }.unique().each { shown ->
    expected = expected.replace(shown + ':', 'src/main/arch/' + shown.substring(shown.lastIndexOf('/') + 1) + ':')
}
println "expected diagnostics:\n$expected"

// Both errors, in both builds (generate, then check), each time as one verbatim block under a bare [ERROR] line.
assert log.count("[ERROR] \n" + expected + "\n") == 2 : "diagnostics block not found twice in build.log"
// Where the mistakes are does not depend on the wording of the messages.
assert log.contains('src/main/arch/layers.arch:3:10: error: ')
assert log.contains('src/main/arch/net.arch:10:17: error: ')
assert log.contains('2 errors\n')
// Maven's one-line summary names the goal and the count; no stack trace, no exception class of ours.
assert log =~ /(?m)^\[ERROR\] Failed to execute goal org\.voxarch:voxarch-maven-plugin:[^:]+:generate \(default\) on project broken-spec: 2 errors in \.arch specs/
assert log =~ /(?m)^\[ERROR\] Failed to execute goal org\.voxarch:voxarch-maven-plugin:[^:]+:check \(default-cli\) on project broken-spec: 2 errors in \.arch specs/
assert !(log =~ /(?m)^\s+at [\w$.]+\(/) : 'a stack trace is in the log'
assert !log.contains('CompileException') && !log.contains('SpecErrors')
// Nothing was generated.
assert !new File(basedir, 'target/generated-sources/voxarch').exists()
return true
