// examples/ built against this build: the variant was generated from the class-path import, compiled, reported,
// and Main printed the network's figures and three finite losses.
// The invoker runs this script from models/src/it (basedir is the script's folder); the build was in the clone.
def project = new File(basedir, '../../target/it/examples').canonicalFile
def log = new File(project, 'build.log').getText('UTF-8')
assert log.contains('[INFO] voxarch: 1 generated, 0 up to date')
assert new File(project, 'target/generated-sources/voxarch/org/example/unetrpp/nets/SmallUnetrpp.java').isFile()
assert new File(project, 'target/voxarch-reports/small_unetrpp.md').getText('UTF-8').contains('- parameters: ')
assert log =~ /small_unetrpp \(generated from src\/main\/arch\/small_unetrpp\.arch\)/
assert log =~ /[\d,]+ parameters, [\d.]+ GFLOPs per sample/
(1..3).each { step -> assert log =~ /step $step: loss \d+\.\d{4} / }
return true
