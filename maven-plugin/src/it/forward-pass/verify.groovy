def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[INFO] voxarch: 2 generated, 0 up to date')
assert new File(basedir, 'target/generated-sources/voxarch/it/tiny/TinyNet.java').isFile()
assert new File(basedir, 'target/generated-sources/voxarch/it/tiny/TinyWide.java').isFile()
// The forward passes ran in the project's own test.
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
return true
