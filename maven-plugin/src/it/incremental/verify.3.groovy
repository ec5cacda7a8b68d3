// The import changed: the network importing it is generated again, the other one is not touched; the changed block
// is in the class of the file declaring it.
def checks = evaluate(new File(basedir, 'checks.groovy'))
assert checks.summaries().last() == '1 generated, 1 up to date'
assert checks.time('Standalone') == checks.savedTime('Standalone')
assert checks.generated('CommonArch').getText('UTF-8').contains('registerChild("more"')
return true
