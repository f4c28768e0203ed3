"""Builds the one compiled module, the privacy scanner's line pass (docs/scanner.md, "The
compiled line pass"); everything else about the package is in pyproject.toml.

The extension is optional: where it cannot be built (no C compiler), Gongkai installs without
it and the scanner runs its Python pass, which gives the same findings, slower.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # a build without Cython: the Python pass only
    extensions = []
else:
    extensions = cythonize(
        [Extension("gongkai.core.privacy._linepass", ["gongkai/core/privacy/_linepass.pyx"])],
        quiet=True,
    )
    for extension in extensions:
        extension.optional = True  # cythonize does not carry the flag over

setup(ext_modules=extensions)
