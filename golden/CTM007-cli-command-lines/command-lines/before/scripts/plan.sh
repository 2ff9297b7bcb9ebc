#!/bin/sh
set -e
npx cdktf get
cdktf diff payments-dev
